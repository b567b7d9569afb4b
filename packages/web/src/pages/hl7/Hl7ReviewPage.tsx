// Hospital feed review (/hl7/review, issue 17 §2): what the HL7 v2 feed could not file by itself (results for an
// unregistered MRN or outside the usual range, demographics that differ from the record, merges, unknown
// analytes), oldest first. Each item is applied or discarded with a reason, kept in the audit trail.
import type { Hl7ReviewItem, Hl7ReviewList } from '@engraft/domain';
import { Alert, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { ReviewItemCard } from './ReviewItemCard';

type Status = 'open' | 'applied' | 'discarded';
type Pending = { item: Hl7ReviewItem; action: 'apply' | 'discard' } | null;

export function Hl7ReviewPage() {
  useDocumentTitle('Hospital feed review · Engraft');
  const [status, setStatus] = useState<Status>('open');
  const [list, setList] = useState<Hl7ReviewList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const [version, setVersion] = useState(0);
  useEffect(() => {
    api<Hl7ReviewList>('GET', `/hl7/review?status=${status}&limit=100`).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e))
    );
  }, [status, version]);

  const resolve = async (reason: string) => {
    if (!pending) return;
    await api('POST', `/hl7/review/${pending.item.id}/resolution`, { action: pending.action, reason });
    notifications.show({ message: pending.action === 'apply' ? 'Applied.' : 'Discarded.', color: 'teal' });
    setVersion((v) => v + 1);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Hospital feed review</Title>
        <SegmentedControl
          aria-label="Which items"
          value={status}
          onChange={(v) => setStatus(v)}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'applied', label: 'Applied' },
            { value: 'discarded', label: 'Discarded' },
          ]}
        />
      </Group>
      <Text fz="sm" c="dimmed">
        Messages from the hospital (HL7 v2) that Engraft could not file by itself. Nothing here is in a patient’s chart
        until it is applied.
      </Text>
      {error && (
        <Alert color="red" title="Could not load the queue">
          {error}
        </Alert>
      )}
      {!list && !error && <Loader aria-label="Loading" />}
      {list && list.items.length === 0 && <Text>No {status} items.</Text>}
      {list && list.total > list.items.length && (
        <Text fz="sm">
          Showing the oldest {list.items.length} of {list.total}.
        </Text>
      )}
      {list?.items.map((item) => (
        <ReviewItemCard key={item.id} item={item} onAction={(i, action) => setPending({ item: i, action })} />
      ))}
      <ReasonModal
        opened={pending !== null}
        title={pending?.action === 'apply' ? 'Apply this item' : 'Discard this item'}
        confirmLabel={pending?.action === 'apply' ? 'Apply' : 'Discard'}
        color={pending?.action === 'apply' ? 'teal' : 'red'}
        onClose={() => setPending(null)}
        onConfirm={resolve}
      >
        {pending?.action === 'apply'
          ? 'What the message proposed is written to the record now; a value outside the usual range is recorded with your reason as its confirmation.'
          : 'Nothing from this item is written to the record. Say what was done instead (e.g. merged by hand, entered manually).'}
      </ReasonModal>
    </Stack>
  );
}
