// Hospital feed review (/hl7/review, issue 17 §2): what the HL7 v2 feed could not file by itself (results for an
// unregistered MRN or outside the usual range, demographics that differ from the record, merges, unknown
// analytes), oldest first. Each item is applied or discarded with a reason, kept in the audit trail.
import type { Hl7ReviewItem } from '@engraft/domain';
import { Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { ReasonModal } from '../../components/safety/ReasonModal';
import { QueryState } from '../../data/QueryState';
import { type ReviewStatus, useHl7ReviewList, useResolveHl7ReviewItem } from './api';
import { ReviewItemCard } from './ReviewItemCard';

type Pending = { item: Hl7ReviewItem; action: 'apply' | 'discard' } | null;

export function Hl7ReviewPage() {
  useDocumentTitle('Hospital feed review · Engraft');
  const [status, setStatus] = useState<ReviewStatus>('open');
  const [pending, setPending] = useState<Pending>(null);
  const list = useHl7ReviewList(status);
  const resolution = useResolveHl7ReviewItem();

  const resolve = async (reason: string) => {
    if (!pending) return;
    await resolution.run({ ...pending, reason }); // a failure is shown in the dialog, which stays open
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Hospital feed review</Title>
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
      <QueryState
        query={list}
        what="the queue"
        isEmpty={(l) => l.items.length === 0}
        empty={<Text>No {status} items.</Text>}
      >
        {(l) => (
          <>
            {l.total > l.items.length && (
              <Text fz="sm">
                Showing the oldest {l.items.length} of {l.total}.
              </Text>
            )}
            {l.items.map((item) => (
              <ReviewItemCard key={item.id} item={item} onAction={(i, action) => setPending({ item: i, action })} />
            ))}
          </>
        )}
      </QueryState>
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
