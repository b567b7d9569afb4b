import type { Pedigree, Relative, SegregationReport } from '@engraft/domain';
import { Anchor, Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { hlaLocusRows } from '../../components/hla/locusRows';
import { ageLabel, formatDate, SEX_LABELS } from '../../format';
import { AVAILABILITY_LABELS, CONTACT_LABELS, MATCH_COLORS, MATCH_LABELS, relationshipLabel } from './familyLabels';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { useDeleteRelative } from './api';
import { KirModal } from './KirModal';
import { RelativeFormModal } from './RelativeFormModal';
import { TypingHistoryModal } from './TypingHistoryModal';
import { TypingModal } from './TypingModal';
import { RowButton } from '../../components/RowButton';

const typingSummary = (gl: string): string =>
  hlaLocusRows(gl)
    .map(
      (r) =>
        `${r.locus} ${[r.first, r.second]
          .filter(Boolean)
          .map((n) => n.replace(/^[^*]*\*/, ''))
          .join(', ')}`
    )
    .join(' · ');

interface Props {
  patientId: string;
  pedigree: Pedigree;
  segregation: SegregationReport;
  today: string;
  canWrite: boolean;
  onChanged: () => void;
}

/** The relatives of the patient with their details, typing and match (add, edit, type). */
export function PedigreeSection({ patientId, pedigree, segregation, today, canWrite, onChanged }: Props) {
  const [editing, setEditing] = useState<Relative | 'new' | null>(null);
  const [typing, setTyping] = useState<Relative | null>(null);
  const [kir, setKir] = useState<Relative | null>(null);
  const [history, setHistory] = useState<Relative | null>(null);
  const [removing, setRemoving] = useState<Relative | null>(null);
  const remove = useDeleteRelative(patientId, onChanged);
  const matchOf = new Map(segregation.members.map((m) => [m.id, m.match]));
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="pedigree-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h3" id="pedigree-heading">
          Family
        </Title>
        {canWrite && (
          <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing('new')}>
            Add relative
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        Patient typing:{' '}
        {pedigree.patientTyping ? typingSummary(pedigree.patientTyping.glString) : 'not recorded on the patient record'}
      </Text>
      {pedigree.relatives.length === 0 ? (
        <Text c="dimmed">No relatives recorded yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing={6} aria-label="Relatives">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Relative</Table.Th>
                <Table.Th scope="col">Born</Table.Th>
                <Table.Th scope="col">ABO · CMV</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">HLA typing</Table.Th>
                <Table.Th scope="col">Match</Table.Th>
                {canWrite && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pedigree.relatives.map((r) => {
                const match = matchOf.get(r.id) ?? 'not-typed';
                return (
                  <Table.Tr key={r.id}>
                    <Table.Th scope="row">
                      <Text fw={600} size="sm">
                        {r.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {relationshipLabel(r)}
                        {r.sex ? ` · ${SEX_LABELS[r.sex]}` : ''}
                        {r.weightKg != null ? ` · ${r.weightKg} kg` : ''}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      {r.dateOfBirth ? `${formatDate(r.dateOfBirth)} (${ageLabel(r.dateOfBirth, today)})` : '—'}
                    </Table.Td>
                    <Table.Td>
                      {r.aboRh === 'unknown' ? 'ABO ?' : r.aboRh} · CMV{' '}
                      {r.cmv === 'unknown' ? '?' : r.cmv === 'positive' ? '+' : '−'}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{AVAILABILITY_LABELS[r.availability]}</Text>
                      <Text size="xs" c="dimmed">
                        {CONTACT_LABELS[r.contact]}
                      </Text>
                    </Table.Td>
                    <Table.Td ff="monospace" fz="xs" maw={320}>
                      {r.typing ? typingSummary(r.typing.glString) : 'Not typed'}
                      <Text size="xs" c="dimmed" ff="inherit">
                        {r.typing && `v${r.typing.version}`}
                        {r.typing?.lab ? ` · ${r.typing.lab}` : ''}
                        {r.typing?.typingDate ? ` · ${formatDate(r.typing.typingDate)}` : ''}
                        {r.typing ? ' · ' : ''}
                        <Anchor
                          component="button"
                          type="button"
                          fz="xs"
                          onClick={() => setHistory(r)}
                          aria-label={`Typing versions of ${r.name}`}
                        >
                          versions
                        </Anchor>
                      </Text>
                      {r.kir && (
                        <Text size="xs" c="dimmed" ff="inherit">
                          {r.kir.reading}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={MATCH_COLORS[match]} variant="light">
                        {MATCH_LABELS[match]}
                      </Badge>
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <RowButton label={`Type ${r.name}`} onClick={() => setTyping(r)} primary>
                            Type
                          </RowButton>
                          <RowButton label={`Edit ${r.name}`} onClick={() => setEditing(r)}>
                            Edit
                          </RowButton>
                          <RowButton label={`KIR of ${r.name}`} onClick={() => setKir(r)}>
                            KIR
                          </RowButton>
                          <RowButton label={`Withdraw ${r.name}`} onClick={() => setRemoving(r)} danger>
                            Withdraw
                          </RowButton>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <RelativeFormModal
          patientId={patientId}
          relative={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
      {kir && (
        <KirModal
          patientId={patientId}
          relative={kir}
          onClose={() => setKir(null)}
          onSaved={() => {
            setKir(null);
            onChanged();
          }}
        />
      )}
      <ReasonModal
        opened={removing !== null}
        title={`Withdraw ${removing?.name ?? ''}`}
        confirmLabel="Withdraw relative"
        onClose={() => setRemoving(null)}
        onConfirm={async (reason) => {
          if (removing) await remove.run({ relativeId: removing.id, reason });
        }}
      >
        The relative leaves the family work-up (entered in error): the haplotypes and the ranking are read again without
        them. The record and the reason stay in the audit trail. A relative chosen as a donor cannot be withdrawn until
        that donor is cancelled.
      </ReasonModal>
      {history && (
        <TypingHistoryModal
          patientId={patientId}
          relative={history}
          canWrite={canWrite}
          onClose={() => setHistory(null)}
          onChanged={onChanged}
        />
      )}
      {typing && (
        <TypingModal
          patientId={patientId}
          relative={typing}
          onClose={() => setTyping(null)}
          onSaved={() => {
            setTyping(null);
            onChanged();
          }}
        />
      )}
    </Paper>
  );
}
