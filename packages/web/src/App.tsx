import { Center, Loader, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { createQueryClient } from './data/queryClient';
import { SessionProvider, useSession } from './session';
import { theme } from './theme';

// Each page is its own chunk, loaded when first visited (issue 18: initial JavaScript < 200 kB gzip), the sign-in
// and password pages too: their forms (@mantine/form, the inputs) are not in the entry every page loads.
const LoginPage = lazy(() => import('./pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() =>
  import('./pages/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage }))
);
const NotFoundPage = lazy(() => import('./pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const UsersPage = lazy(() => import('./pages/admin/UsersPage').then((m) => ({ default: m.UsersPage })));
const RegistriesPage = lazy(() =>
  import('./pages/registries/RegistriesPage').then((m) => ({ default: m.RegistriesPage }))
);
const ReferenceDataPage = lazy(() =>
  import('./pages/admin/ReferenceDataPage').then((m) => ({ default: m.ReferenceDataPage }))
);
const HandoverPrint = lazy(() => import('./pages/print/HandoverPrint').then((m) => ({ default: m.HandoverPrint })));
const InfusionRecordPrint = lazy(() =>
  import('./pages/print/InfusionRecordPrint').then((m) => ({ default: m.InfusionRecordPrint }))
);
const TransplantSummaryPrint = lazy(() =>
  import('./pages/print/TransplantSummaryPrint').then((m) => ({ default: m.TransplantSummaryPrint }))
);
const Hl7ReviewPage = lazy(() => import('./pages/hl7/Hl7ReviewPage').then((m) => ({ default: m.Hl7ReviewPage })));
const CalculatorsPage = lazy(() =>
  import('./pages/calculators/CalculatorsPage').then((m) => ({ default: m.CalculatorsPage }))
);
const CellsPage = lazy(() => import('./pages/cells/CellsPage').then((m) => ({ default: m.CellsPage })));
const ConditioningPage = lazy(() =>
  import('./pages/conditioning/ConditioningPage').then((m) => ({ default: m.ConditioningPage }))
);
const DonorSearchPage = lazy(() =>
  import('./pages/donors/DonorSearchPage').then((m) => ({ default: m.DonorSearchPage }))
);
const BedsidePage = lazy(() => import('./pages/infusion/BedsidePage').then((m) => ({ default: m.BedsidePage })));
const ManufacturingPage = lazy(() =>
  import('./pages/manufacturing/ManufacturingPage').then((m) => ({ default: m.ManufacturingPage }))
);
const NewPatientPage = lazy(() => import('./pages/NewPatientPage').then((m) => ({ default: m.NewPatientPage })));
const OutcomesPage = lazy(() => import('./pages/outcomes/OutcomesPage').then((m) => ({ default: m.OutcomesPage })));
const PatientListPage = lazy(() => import('./pages/PatientListPage').then((m) => ({ default: m.PatientListPage })));
const FamilyPage = lazy(() => import('./pages/family/FamilyPage').then((m) => ({ default: m.FamilyPage })));
const PatientPage = lazy(() => import('./pages/PatientPage').then((m) => ({ default: m.PatientPage })));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const LabPage = lazy(() => import('./pages/products/LabPage').then((m) => ({ default: m.LabPage })));
const ProductPage = lazy(() => import('./pages/products/ProductPage').then((m) => ({ default: m.ProductPage })));
const TodayPage = lazy(() => import('./pages/today/TodayPage').then((m) => ({ default: m.TodayPage })));

const queryClient = createQueryClient();

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <BrowserRouter>
            <Routes>
              <Route element={<PageSuspense />}>
                <Route path="/login" element={<LoginPage />} />
              </Route>
              {/* Printable sheets: signed in, without the app's header and navigation. */}
              <Route
                element={
                  <RequireSession>
                    <PageSuspense />
                  </RequireSession>
                }
              >
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
                <Route element={<PageSuspense />}>
                  <Route index element={<Navigate to="/patients" replace />} />
                  <Route path="/outcomes" element={<OutcomesPage />} />
                  <Route path="/patients" element={<PatientListPage />} />
                  <Route path="/patients/new" element={<NewPatientPage />} />
                  <Route path="/patients/:patientId" element={<PatientPage />} />
                  <Route path="/patients/:patientId/family" element={<FamilyPage />} />
                  <Route path="/today" element={<TodayPage />} />
                  <Route path="/calculators" element={<CalculatorsPage />} />
                  <Route path="/settings" element={<SettingsPage />} />
                  <Route path="/admin/users" element={<UsersPage />} />
                  <Route path="/admin/reference-data" element={<ReferenceDataPage />} />
                  <Route path="/hl7/review" element={<Hl7ReviewPage />} />
                  <Route path="/registries" element={<RegistriesPage />} />
                  <Route path="/episodes/:episodeId/donor-search" element={<DonorSearchPage />} />
                  <Route path="/episodes/:episodeId/cells" element={<CellsPage />} />
                  <Route path="/episodes/:episodeId/conditioning" element={<ConditioningPage />} />
                  <Route path="/episodes/:episodeId/manufacturing" element={<ManufacturingPage />} />
                  <Route path="/episodes/:episodeId/bedside" element={<BedsidePage />} />
                  <Route path="/lab" element={<LabPage />} />
                  <Route path="/products/:productId" element={<ProductPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Route>
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </QueryClientProvider>
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
  if (state.info.mustChangePassword) {
    return (
      <PageSuspense>
        <ChangePasswordPage />
      </PageSuspense>
    );
  }
  return children;
}

/** Shows a loader while a page's chunk loads (the routed page, or the one given). */
function PageSuspense({ children }: { children?: ReactNode }) {
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader aria-label="Loading the page" />
        </Center>
      }
    >
      {children ?? <Outlet />}
    </Suspense>
  );
}
