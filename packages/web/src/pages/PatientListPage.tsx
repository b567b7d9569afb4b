import { PATIENT_WRITERS } from '@engraft/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Pagination,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../api';
import {
  ageLabel,
  displayName,
  episodeTypeLabel,
  formatDate,
  formatNumber,
  phaseLabel,
  SEX_LABELS,
  todayDayLabel,
} from '../format';
import { hasAnyRole, useSignedIn } from '../session';
import type { PatientList } from '@engraft/domain';
import { usePatientList } from './patientListApi';

const PAGE_SIZE = 20;

/** The search counts up to 1,000 matches: "1,000+" beyond (refine the search to see the rest). */
const countLabel = (data: PatientList): string => `${formatNumber(data.total)}${data.totalIsLowerBound ? '+' : ''}`;

export function PatientListPage() {
  const info = useSignedIn();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(query.trim(), 300);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const canRegister = hasAnyRole(info.user.roles, PATIENT_WRITERS);
  useDocumentTitle('Patients · Engraft');

  // Keep the search in the address so Back returns to the same list. The address follows each keystroke
  // (replacing, not pushing), not the debounced value: a timer that fired after a click on a patient would
  // otherwise navigate from the patient back to this list.
  const onQueryChange = (value: string): void => {
    setQuery(value);
    const next = new URLSearchParams();
    if (value.trim()) next.set('q', value.trim());
    setParams(next, { replace: true });
  };

  const list = usePatientList(debounced, page, PAGE_SIZE);
  const data = list.data;
  const error = list.isError ? errorMessage(list.error) : null;
  const loading = list.isPending || list.isPlaceholderData;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Patients</Title>
        {canRegister && (
          <Button component={Link} to="/patients/new" leftSection={<IconPlus size={16} aria-hidden />}>
            New patient
          </Button>
        )}
      </Group>
      <div role="search" aria-label="Patients">
        <TextInput
          label="Search patients"
          description="By family or given name, or by MRN"
          placeholder="e.g. Synthetic or DEMO-0001"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={query}
          onChange={(e) => onQueryChange(e.currentTarget.value)}
          maw={480}
          type="search"
        />
      </div>
      {error && (
        <Alert color="red" title="Could not load patients" role="alert">
          {error}
        </Alert>
      )}
      <Paper withBorder>
        <Table.ScrollContainer minWidth={960}>
          <Table striped highlightOnHover verticalSpacing="sm" aria-busy={loading} aria-describedby="patient-count">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">MRN</Table.Th>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Date of birth (age)</Table.Th>
                <Table.Th scope="col">Sex</Table.Th>
                <Table.Th scope="col">Current episode</Table.Th>
                <Table.Th scope="col">Phase</Table.Th>
                <Table.Th scope="col">Day today</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!data &&
                Array.from({ length: 6 }, (_, i) => (
                  <Table.Tr key={i}>
                    <Table.Td colSpan={7}>
                      <Skeleton height={18} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              {data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed" ta="center" py="md">
                      {debounced ? `No patient matches “${debounced}”.` : 'No patients registered yet.'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {data?.items.map((p) => (
                <Table.Tr
                  key={p.id}
                  className="row-link"
                  onClick={() => void navigate(`/patients/${p.id}`)}
                  style={{ opacity: loading ? 0.6 : 1 }}
                >
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {p.mrn}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/patients/${p.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
                      {displayName(p)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {formatDate(p.dateOfBirth)}{' '}
                    <Text span fz="sm" c="dimmed">
                      ({ageLabel(p.dateOfBirth, data.today)})
                    </Text>
                  </Table.Td>
                  <Table.Td>{SEX_LABELS[p.sex] ?? p.sex}</Table.Td>
                  <Table.Td>
                    {p.episode ? (
                      episodeTypeLabel(p.episode.type)
                    ) : (
                      <Text span fz="sm" c="dimmed">
                        none
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{p.episode && <Badge variant="light">{phaseLabel(p.episode.phase)}</Badge>}</Table.Td>
                  <Table.Td fw={600} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {p.episode && todayDayLabel(data.today, p.episode.dayZero)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Group justify="space-between">
        <Text id="patient-count" c="dimmed" fz="sm" aria-live="polite">
          {data
            ? data.total === 0
              ? 'No patients'
              : `Showing ${(page - 1) * PAGE_SIZE + 1}–${Math.min(page * PAGE_SIZE, data.total)} of ${countLabel(data)} patient${data.total === 1 && !data.totalIsLowerBound ? '' : 's'}`
            : 'Loading patients…'}
        </Text>
        {pages > 1 && (
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next);
            }}
            getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
            getControlProps={(control) => ({
              'aria-label': { first: 'First page', last: 'Last page', next: 'Next page', previous: 'Previous page' }[
                control
              ],
            })}
            aria-label="Pages of patients"
          />
        )}
      </Group>
    </Stack>
  );
}
