import type { Relative, RelativeTyping } from '@engraft/domain';
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { formatDate, formatDateTime } from '../../format';
import { useRelativeTypings, useWithdrawTyping } from './api';
import { RowButton } from '../../components/RowButton';

interface Props {
  patientId: string;
  relative: Relative;
  canWrite: boolean;
  onClose: () => void;
  /** After a withdrawal: the page re-reads the segregation, DSA and ranking (computed without that version). */
  onChanged: () => void;
}

/**
 * Every typing version of a relative (ADR 0422): a version entered in error is withdrawn with a reason, stays
 * listed as withdrawn (never erased), and the newest version left becomes the current typing.
 */
export function TypingHistoryModal({ patientId, relative, canWrite, onClose, onChanged }: Props) {
  const history = useRelativeTypings(patientId, relative.id);
  const [withdrawing, setWithdrawing] = useState<RelativeTyping | null>(null);
  const withdraw = useWithdrawTyping(patientId, relative.id, onChanged);
  const versions = history.data?.versions ?? [];
  const current = versions.find((v) => !v.withdrawnAt);
  return (
    <Modal opened onClose={onClose} title={`HLA typing versions of ${relative.name}`} size="xl">
      <Stack gap="sm">
        {history.isPending && <Loader size="sm" aria-label="Loading typing versions" />}
        {history.isError && (
          <Alert color="red" role="alert">
            {errorMessage(history.error)}
          </Alert>
        )}
        {history.isSuccess && versions.length === 0 && <Text c="dimmed">No typing recorded for this relative.</Text>}
        {versions.length > 0 && (
          <Table verticalSpacing={4} aria-label="Typing versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Version</Table.Th>
                <Table.Th scope="col">GL string</Table.Th>
                <Table.Th scope="col">Lab · date</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                {canWrite && <Table.Th scope="col">Action</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Th scope="row">v{v.version}</Table.Th>
                  <Table.Td ff="monospace" fz="xs" maw={340} style={{ wordBreak: 'break-all' }}>
                    {v.glString}
                  </Table.Td>
                  <Table.Td fz="sm">
                    {[v.lab, v.typingDate ? formatDate(v.typingDate) : null].filter(Boolean).join(' · ') || '—'}
                    <Text size="xs" c="dimmed">
                      recorded by {v.recordedBy}, {formatDateTime(v.recordedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {v.withdrawnAt ? (
                      <>
                        <Badge color="gray" variant="outline">
                          Withdrawn
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(v.withdrawnAt)}: {v.withdrawalReason}
                        </Text>
                      </>
                    ) : (
                      <Badge color={v === current ? 'teal' : 'gray'} variant="light">
                        {v === current ? 'Current' : 'Superseded'}
                      </Badge>
                    )}
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      {!v.withdrawnAt && (
                        <RowButton label={`Withdraw typing v${v.version}`} onClick={() => setWithdrawing(v)} danger>
                          Withdraw
                        </RowButton>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
      <ReasonModal
        opened={withdrawing !== null}
        title={`Withdraw typing v${withdrawing?.version ?? ''} of ${relative.name}`}
        confirmLabel="Withdraw typing"
        onClose={() => setWithdrawing(null)}
        onConfirm={async (reason) => {
          if (withdrawing) await withdraw.run({ typingId: withdrawing.id, reason });
        }}
      >
        The version stays listed as withdrawn, with the reason, in the history and the audit trail. The newest version
        left becomes the current typing, and the haplotypes, DSA and ranking are read again without this one. A relative
        chosen as a donor keeps their typing until that donor is cancelled.
      </ReasonModal>
    </Modal>
  );
}
