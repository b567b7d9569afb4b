// The care-journey pages of an episode, in the order the work happens (issue 7): donor search (allogeneic),
// donor and collection, manufacturing (cell therapy), conditioning or lymphodepletion, bedside infusion.
import type { Episode } from '@engraft/domain';
import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';

export function journeyLinks(episode: Pick<Episode, 'id' | 'type'>): { to: string; label: string }[] {
  const cellTherapy = episode.type === 'car-t' || episode.type === 'other-cell-therapy';
  return [
    ...(episode.type === 'allogeneic-hct' ? [{ to: 'donor-search', label: 'Donor search' }] : []),
    { to: 'cells', label: 'Donor & collection' },
    ...(cellTherapy ? [{ to: 'manufacturing', label: 'Manufacturing' }] : []),
    { to: 'conditioning', label: cellTherapy ? 'Lymphodepletion' : 'Conditioning' },
    { to: 'bedside', label: 'Bedside infusion' },
  ].map((l) => ({ to: `/episodes/${episode.id}/${l.to}`, label: l.label }));
}

export function EpisodeJourneyLinks({ episode }: { episode: Pick<Episode, 'id' | 'type'> }) {
  return (
    <Group gap="md" mt={4} aria-label="Care journey">
      {journeyLinks(episode).map((l) => (
        <Anchor key={l.to} component={Link} to={l.to} fz="sm">
          {l.label}
        </Anchor>
      ))}
    </Group>
  );
}
