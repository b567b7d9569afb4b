// Every version of the episode's plan: who prescribed and verified it, and why it changed or ended.
import type { ConditioningPlanView } from '@engraft/domain';
import { Table, Title } from '@mantine/core';
import { formatDateTime } from '../../format';
import { StatusBadge } from './StatusBadge';

export function PlanVersions({ plans }: { plans: readonly ConditioningPlanView[] }) {
  return (
    <section aria-labelledby="cond-history" className="no-print">
      <Title order={2} fz="h4" id="cond-history" mb="xs">
        Versions
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Version</Table.Th>
              <Table.Th scope="col">Regimen</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Prescribed</Table.Th>
              <Table.Th scope="col">Verified</Table.Th>
              <Table.Th scope="col">Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plans.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.version}</Table.Td>
                <Table.Td>{p.computed.templateName}</Table.Td>
                <Table.Td>
                  <StatusBadge status={p.status} />
                </Table.Td>
                <Table.Td fz="sm">
                  {p.prescribedBy} · {formatDateTime(p.prescribedAt)}
                </Table.Td>
                <Table.Td fz="sm">
                  {p.verifiedBy && p.verifiedAt ? `${p.verifiedBy} · ${formatDateTime(p.verifiedAt)}` : '—'}
                </Table.Td>
                <Table.Td fz="sm">
                  {p.reason ?? (p.version === 1 ? 'first version' : '')}
                  {p.endReason ? ` (${p.status}: ${p.endReason})` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
