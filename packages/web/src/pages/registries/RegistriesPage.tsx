// Registry reporting (/registries, issue 17 §3, ADR 0710): the centre's CIBMTR and EBMT reports due, by form and
// status, with how complete each is; a report opens below with its missing items (each a link to where it is
// entered), its preview, the export and its submission history. Batch export of one form and period.
import { REGISTRIES, REGISTRY_REPORTERS, type RegistryReportSummary } from '@engraft/domain';
import { Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { QueryState } from '../../data/QueryState';
import { hasAnyRole, useSignedIn } from '../../session';
import { useRegistryReports } from './api';
import { BatchExport } from './BatchExport';
import { ReportDetail } from './ReportDetail';
import { ReportTable } from './ReportTable';

const STATUS_OPTIONS = [
  { value: 'open', label: 'To do (overdue, due, upcoming)' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'submitted', label: 'Submitted' },
  { value: 'all', label: 'All' },
];

export function RegistriesPage() {
  useDocumentTitle('Registry reporting · Engraft');
  const info = useSignedIn();
  const canSubmit = hasAnyRole(info.user.roles, REGISTRY_REPORTERS);
  const query = useRegistryReports();
  const list = query.data;
  const [registry, setRegistry] = useState<'all' | 'cibmtr' | 'ebmt'>('all');
  const [status, setStatus] = useState('open');
  const [form, setForm] = useState<string | null>(null);
  const [selected, setSelected] = useState<RegistryReportSummary | null>(null);

  const forms = [...new Set((list?.reports ?? []).map((r) => r.form))].sort();
  const shown = (list?.reports ?? []).filter(
    (r) =>
      (registry === 'all' || r.registry === registry) &&
      (form === null || r.form === form) &&
      (status === 'all' || (status === 'open' ? r.status !== 'submitted' : r.status === status))
  );

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>Registry reporting</Title>
        <SegmentedControl
          aria-label="Registry"
          value={registry}
          onChange={(v) => setRegistry(v)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'cibmtr', label: REGISTRIES.cibmtr },
            { value: 'ebmt', label: REGISTRIES.ebmt },
          ]}
        />
      </Group>
      <Text fz="sm" c="dimmed">
        CIBMTR forms (2400, 2450, 4000, 4100) as FHIR R4 Bundles and EBMT MED-A as CSV, written from what is recorded. A
        report with required items missing is submitted only with a reason.
      </Text>
      <Group wrap="wrap" align="flex-end">
        <Select label="Status" data={STATUS_OPTIONS} value={status} onChange={(v) => setStatus(v ?? 'open')} w={260} />
        <Select label="Form" placeholder="All forms" clearable data={forms} value={form} onChange={setForm} w={160} />
      </Group>
      <QueryState query={query} what="the reports">
        {() => <ReportTable reports={shown} selected={selected} onSelect={(r) => setSelected(r)} />}
      </QueryState>
      {selected && (
        <ReportDetail key={`${selected.episodeId}/${selected.key}`} report={selected} canSubmit={canSubmit} />
      )}
      {canSubmit && list && <BatchExport forms={forms} today={list.today} />}
    </Stack>
  );
}
