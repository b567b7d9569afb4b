// Every version of the episode's plan: who prescribed and verified it, and why it changed or ended.
import type { ConditioningPlanView } from '@engraft/domain';
import { Title } from '@mantine/core';
import { type Column, DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format';
import { StatusBadge } from './StatusBadge';

const VERSION_COLUMNS: Column<ConditioningPlanView>[] = [
  { header: 'Version', cell: (p) => p.version },
  { header: 'Regimen', cell: (p) => p.computed.templateName },
  { header: 'Status', cell: (p) => <StatusBadge status={p.status} /> },
  { header: 'Prescribed', cell: (p) => `${p.prescribedBy} · ${formatDateTime(p.prescribedAt)}`, td: { fz: 'sm' } },
  {
    header: 'Verified',
    cell: (p) => (p.verifiedBy && p.verifiedAt ? `${p.verifiedBy} · ${formatDateTime(p.verifiedAt)}` : '—'),
    td: { fz: 'sm' },
  },
  {
    header: 'Reason',
    cell: (p) =>
      `${p.reason ?? (p.version === 1 ? 'first version' : '')}${p.endReason ? ` (${p.status}: ${p.endReason})` : ''}`,
    td: { fz: 'sm' },
  },
];

export function PlanVersions({ plans }: { plans: readonly ConditioningPlanView[] }) {
  return (
    <section aria-labelledby="cond-history" className="no-print">
      <Title order={2} fz="h4" id="cond-history" mb="xs">
        Versions
      </Title>
      <DataTable verticalSpacing="xs" minWidth={640} columns={VERSION_COLUMNS} rows={plans} rowKey={(p) => p.id} />
    </section>
  );
}
