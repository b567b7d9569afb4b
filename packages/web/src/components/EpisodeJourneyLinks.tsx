// The care-journey pages of an episode, in the order the work happens (issue 7): donor search (allogeneic),
// donor and collection, manufacturing (cell therapy), conditioning or lymphodepletion, bedside infusion.
import type { Episode } from '@engraft/domain';
import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';

const isCellTherapy = (type: string): boolean => type === 'car-t' || type === 'other-cell-therapy';

/** What the pre-infusion chemotherapy is called for an episode: lymphodepletion before cell therapy, else conditioning. */
export function preInfusionWord(type: string): 'Lymphodepletion' | 'Conditioning' {
  return isCellTherapy(type) ? 'Lymphodepletion' : 'Conditioning';
}

export function journeyLinks(episode: Pick<Episode, 'id' | 'type'>): { to: string; label: string }[] {
  const cellTherapy = isCellTherapy(episode.type);
  return [
    ...(episode.type === 'allogeneic-hct' ? [{ to: 'donor-search', label: 'Donor search' }] : []),
    { to: 'cells', label: 'Donor & collection' },
    ...(cellTherapy ? [{ to: 'manufacturing', label: 'Manufacturing' }] : []),
    { to: 'conditioning', label: preInfusionWord(episode.type) },
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
