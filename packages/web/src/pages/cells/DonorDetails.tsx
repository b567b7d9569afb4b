// A chosen donor's details: ABO/Rh, CMV, sex, age, weight, relationship and match (related), bank and cell
// counts (cord: TNC ×10⁷, CD34+ ×10⁵ cells), HLA typing.
import { DONOR_MATCHES, type Donor } from '@engraft/domain';
import { Table } from '@mantine/core';
import { formatCellsIn, formatDate } from '../../format';

const cells = (v: number | null, exp: number, unit: string) => (v == null ? '—' : `${formatCellsIn(v, exp)} ${unit}`);

export function DonorDetails({ d, today }: { d: Donor; today: string }) {
  const age = d.birthYear
    ? `${Number(today.slice(0, 4)) - d.birthYear} y (born ${d.birthDate ? formatDate(d.birthDate) : d.birthYear})`
    : '—';
  const rows: [string, string][] = [
    ['ABO/Rh', d.aboRh ?? '—'],
    ['CMV', d.cmv],
    ['Sex', d.sex ?? '—'],
    ['Age', age],
    ['Weight', d.weightKg ? `${d.weightKg} kg` : '—'],
    ...(d.source === 'related'
      ? ([
          [
            'Relationship',
            `${d.relationship ?? '—'}, ${d.matchGrade ? (DONOR_MATCHES[d.matchGrade as keyof typeof DONOR_MATCHES] ?? d.matchGrade) : '—'}`,
          ],
        ] as [string, string][])
      : []),
    ...(d.source === 'cord'
      ? ([
          ['Bank', d.cordBank ?? '—'],
          ['TNC', cells(d.cordTnc, 7, 'cells')],
          ['CD34+', cells(d.cordCd34, 5, 'cells')],
        ] as [string, string][])
      : []),
    ['HLA typing', d.hlaTyping ?? 'not recorded'],
  ];
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm">
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={110} fw={500} c="dimmed">
              {k}
            </Table.Th>
            <Table.Td style={{ wordBreak: 'break-all' }}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
