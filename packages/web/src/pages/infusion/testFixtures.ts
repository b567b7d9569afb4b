// Answers of the bedside infusion API for the component tests: one episode, one HPC apheresis bag, a bedside
// check that matched, and the infusion started from it.
import type { BedsideCheck, BedsideOverview, Infusion } from '@engraft/domain';

export const EPISODE = '00000000-0000-4000-8000-0000000000e1';
export const CHECK = '00000000-0000-4000-8000-0000000000c8';
/** The bedside page's address, and its route pattern. */
export const url = `/episodes/${EPISODE}/bedside`;
export const path = '/episodes/:episodeId/bedside';

export const product = {
  din: 'W0000 26 000001',
  productCode: 'S1398',
  division: '00',
  description: 'HPC, Apheresis',
  kind: 'hpc-a',
};

/** A check whose scan matched the bag (result "pass"), waiting for its second person. */
export const passedCheck = (over: Partial<BedsideCheck> = {}): BedsideCheck => ({
  id: CHECK,
  episodeId: EPISODE,
  productId: '00000000-0000-4000-8000-0000000000b1',
  product,
  scanned: { mrn: 'SYN-100', din: 'W0000 26 000001', productCode: 'S1398', division: '00', coi: null },
  result: 'pass',
  stops: [],
  warnings: [],
  ruleId: 'bedside-check@1',
  performedBy: 'Test nurse',
  performedAt: '2026-12-06T09:30:00.000Z',
  confirmedBy: null,
  confirmedAt: null,
  infusionId: null,
  ...over,
});

/** The infusion started from the passed check, still running. */
export const runningInfusion = (over: Partial<Infusion> = {}): Infusion => ({
  id: '00000000-0000-4000-8000-0000000000f1',
  episodeId: EPISODE,
  productId: '00000000-0000-4000-8000-0000000000b1',
  bedsideCheckId: CHECK,
  product,
  startedAt: '2026-12-06T10:00:00.000Z',
  endedAt: null,
  volumeMl: null,
  reactions: [],
  reactionNote: null,
  weightKg: 70,
  dose: null,
  checkedBy: 'Test nurse',
  confirmedBy: 'Test physician',
  startedBy: 'Test nurse',
  completedBy: null,
  ...over,
});

/** The bedside page's answer: the patient (70 kg), the episode on its planned day 0, nothing checked yet. */
export const overview = (over: Partial<BedsideOverview> = {}): BedsideOverview => ({
  today: '2026-12-06',
  patient: {
    id: '00000000-0000-4000-8000-0000000000a1',
    mrn: 'SYN-100',
    name: 'ROWAN, Bedside demo',
    dateOfBirth: '1970-03-01',
    aboRh: 'A+',
    weightKg: 70,
  },
  episode: { id: EPISODE, type: 'allo-hct', phase: 'conditioning', plannedDayZero: '2026-12-06', actualDayZero: null },
  checks: [],
  infusions: [],
  ...over,
});
