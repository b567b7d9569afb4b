import type { Database } from '../db/database';
import * as fixtures from '../repo/demoFixtures';
import { type DonorRegistrySource } from '../services/donorRegistry';
import { createDonorSearch } from '../services/donorSearches';
import { recordPatientTyping } from '../services/patientHla';
import type { CentreActor } from '../services/patients';
import { DEMO_JOURNEYS } from './syntheticJourneys';

// The allogeneic demo patient searches (issue 16, ADR 0412): WILLOW (SYN-INF-03) has an HLA typing in the record,
// seeded with the demo, and a saved donor search, made as soon as the donor registry is ready (the seed runs
// before the release is downloaded and the demo registry generated), so a new user sees ranked donors.

/**
 * WILLOW's typing: two common European haplotypes (A1-B8-DR3 and A3-B7-DR15; Maiers M et al., Hum Immunol
 * 2007;68:779-788), which the demo registry samples, so the search finds 10/10 matches.
 */
export const DEMO_ALLO_TYPING =
  'A*01:01+A*03:01^C*07:01+C*07:02^B*08:01+B*07:02^DRB1*03:01+DRB1*15:01^DQB1*02:01+DQB1*06:02';

/** Records WILLOW's typing as version 1 (entered by the HLA laboratory's demo account). */
export async function seedDemoTyping(db: Database, today: string): Promise<void> {
  const found = await fixtures.allogeneicEpisodeOfMrn(db, DEMO_JOURNEYS.allo.mrn);
  const [hla] = await fixtures.demoUserIds(db, ['hla']);
  if (!found || !hla) throw new Error('the allogeneic demo journey or the demo account hla is missing');
  const actor: CentreActor = { userId: hla.id, username: 'hla', centreId: found.centre_id };
  await recordPatientTyping(db, actor, found.patient_id, {
    glString: DEMO_ALLO_TYPING,
    lab: 'Demo HLA laboratory (synthetic)',
    typingDate: today,
  });
}

/**
 * Saves WILLOW's donor search once the registry is ready, unless the episode already has one. Returns whether it
 * made one. A registry that is not ready throws (the caller waits and tries again).
 */
export async function seedDemoSearch(db: Database, registry: DonorRegistrySource, today: string): Promise<boolean> {
  const found = await fixtures.allogeneicEpisodeOfMrn(db, DEMO_JOURNEYS.allo.mrn);
  if (!found || found.searches > 0) return false;
  await registry.get();
  const [coordinator] = await fixtures.demoUserIds(db, ['coordinator']);
  if (!coordinator) return false;
  const actor: CentreActor = { userId: coordinator.id, username: 'coordinator', centreId: found.centre_id };
  await createDonorSearch(
    db,
    registry,
    actor,
    found.episode_id,
    { patientTyping: DEMO_ALLO_TYPING, criteria: { loci: 10, maxMismatches: 1, donorKinds: ['adult', 'cord'] } },
    today
  );
  return true;
}

/**
 * Waits for the registry (polling its status, never holding the server up) and then seeds the search. Stops
 * when the registry is unavailable (offline; the page tells an administrator what to do) only to try again
 * on the next poll: a release loaded from a file later makes it ready.
 */
export function seedDemoSearchWhenReady(
  db: Database,
  registry: DonorRegistrySource,
  today: () => string,
  everyMs = 2_000
): { stop(): void; done: Promise<boolean> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const done = new Promise<boolean>((resolve) => {
    const tick = (): void => {
      if (stopped) return resolve(false);
      if (registry.status().state !== 'ready') {
        timer = setTimeout(tick, everyMs);
        timer.unref();
        return;
      }
      seedDemoSearch(db, registry, today()).then(resolve, (err: unknown) => {
        // It names no patient data: the demo patient is synthetic, and the message is the service's.
        process.stderr.write(`engraft: demo donor search: ${err instanceof Error ? err.message : String(err)}\n`);
        resolve(false);
      });
    };
    tick();
  });
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    done,
  };
}
