import { Center, Loader, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { UsersPage } from './pages/admin/UsersPage';
import { Hl7ReviewPage } from './pages/hl7/Hl7ReviewPage';
import { CalculatorsPage } from './pages/calculators/CalculatorsPage';
import { CellsPage } from './pages/cells/CellsPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ConditioningPage } from './pages/conditioning/ConditioningPage';
import { DonorSearchPage } from './pages/donors/DonorSearchPage';
import { BedsidePage } from './pages/infusion/BedsidePage';
import { LoginPage } from './pages/LoginPage';
import { ManufacturingPage } from './pages/manufacturing/ManufacturingPage';
import { NewPatientPage } from './pages/NewPatientPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OutcomesPage } from './pages/outcomes/OutcomesPage';
import { PatientListPage } from './pages/PatientListPage';
import { PatientPage } from './pages/PatientPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { LabPage } from './pages/products/LabPage';
import { ProductPage } from './pages/products/ProductPage';
import { TodayPage } from './pages/TodayPage';
import { HandoverPrint } from './pages/print/HandoverPrint';
import { InfusionRecordPrint } from './pages/print/InfusionRecordPrint';
import { TransplantSummaryPrint } from './pages/print/TransplantSummaryPrint';
import { SessionProvider, useSession } from './session';
import { theme } from './theme';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            {/* Printable sheets: signed in, without the app's header and navigation. */}
            <Route element={<RequireSession>{<Outlet />}</RequireSession>}>
              <Route path="/patients/:patientId/print/summary" element={<TransplantSummaryPrint />} />
              <Route path="/episodes/:episodeId/print/infusion" element={<InfusionRecordPrint />} />
              <Route path="/print/handover" element={<HandoverPrint />} />
            </Route>
            <Route
              element={
                <RequireSession>
                  <Layout />
                </RequireSession>
              }
            >
              <Route index element={<Navigate to="/patients" replace />} />
              <Route path="/outcomes" element={<OutcomesPage />} />
              <Route path="/patients" element={<PatientListPage />} />
              <Route path="/patients/new" element={<NewPatientPage />} />
              <Route path="/patients/:patientId" element={<PatientPage />} />
              <Route path="/today" element={<TodayPage />} />
              <Route path="/calculators" element={<CalculatorsPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/admin/users" element={<UsersPage />} />
              <Route path="/hl7/review" element={<Hl7ReviewPage />} />
              <Route path="/episodes/:episodeId/donor-search" element={<DonorSearchPage />} />
              <Route path="/episodes/:episodeId/cells" element={<CellsPage />} />
              <Route path="/episodes/:episodeId/conditioning" element={<ConditioningPage />} />
              <Route path="/episodes/:episodeId/manufacturing" element={<ManufacturingPage />} />
              <Route path="/episodes/:episodeId/bedside" element={<BedsidePage />} />
              <Route path="/lab" element={<LabPage />} />
              <Route path="/products/:productId" element={<ProductPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </MantineProvider>
  );
}

/** Sends visitors without a session to the sign-in page, remembering where they wanted to go. */
function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <Center h="100vh">
        <Loader aria-label="Checking your session" />
      </Center>
    );
  }
  if (state.status === 'signed-out') {
    return (
      <Navigate
        to="/login"
        replace
        state={state.byChoice ? null : { from: `${location.pathname}${location.search}` }}
      />
    );
  }
  // After an administrator's reset nothing else works until the user chooses a new password.
  if (state.info.mustChangePassword) return <ChangePasswordPage />;
  return children;
}
