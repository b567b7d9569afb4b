import {
  DONOR_TOP,
  type GenotypeDistribution,
  ImputationCache,
  ImputationError,
  Imputer,
  type RankPool,
  RankPoolUnavailable,
  type RankedProbability,
  type SearchHit,
  type SearchResult,
  classCandidates,
  rankByProbability,
  rankByProbabilityOn,
} from '@engraft/donors';
import type { DonorSearchCriteria, HitProbabilityView } from '@engraft/domain';
import { type HlaEngine, isHlaError } from '@engraft/hla';
import type { Queryable } from '../db/database';
import { invalid } from '../errors';
import { centreDefaultFrequencySet, type LoadedFrequencySet, loadFrequencySet } from './frequencySets';

// Donor search ranked by match probability (issue 16 §2, ADR 0411): the frequency set the search uses, the
// patient imputed once, each hit's donor imputed once per distinct typing, and the ranking of @engraft/donors
// `rankByProbability` over every hit of the mismatch classes the stored page reaches.

export interface ProbabilitySetup {
  readonly loaded: LoadedFrequencySet;
  readonly imputer: Imputer;
  /** The set and population, as the rank workers know the imputer (ADR 0411). */
  readonly key: string;
}

/** Per engine (one per loaded release), the imputer of each set and population. */
const imputers = new WeakMap<HlaEngine, Map<string, Imputer>>();

/** The set a search uses (asked for, else the centre's default), or none when ranking by grades. */
export async function probabilitySetup(
  db: Queryable,
  centreId: string,
  engine: HlaEngine,
  criteria: Pick<DonorSearchCriteria, 'frequencySet' | 'rankBy'>
): Promise<ProbabilitySetup | undefined> {
  const name = criteria.frequencySet ?? (await centreDefaultFrequencySet(db, centreId));
  if (!name) {
    if (criteria.rankBy === 'probability') {
      throw invalid(
        'criteria.frequencySet',
        'ranking by probability needs a haplotype frequency set: name one, or have an administrator import one'
      );
    }
    return undefined;
  }
  let loaded: LoadedFrequencySet;
  try {
    loaded = await loadFrequencySet(db, name);
  } catch (err) {
    throw criteria.frequencySet ? invalid('criteria.frequencySet', `there is no frequency set named '${name}'`) : err;
  }
  const key = `${loaded.sha256}\u0000${loaded.population}`;
  let byKey = imputers.get(engine);
  if (!byKey) {
    byKey = new Map();
    imputers.set(engine, byKey);
  }
  let imputer = byKey.get(key);
  if (!imputer) {
    imputer = new Imputer({ set: loaded.set, engine, population: loaded.population });
    byKey.set(key, imputer);
  }
  return { loaded, imputer, key };
}

export interface ProbabilityPage {
  readonly hits: SearchHit[];
  readonly probabilities: (HitProbabilityView | null)[];
  readonly computed: number;
  readonly pruned: number;
}

/** The patient imputed with a search's set, once per search (ADR 0411). */
export type ImputedPatient = GenotypeDistribution;

/**
 * The patient's typing imputed with the set, or the reason the set cannot explain it (an imputation or
 * nomenclature error); other errors are thrown. The one imputation of the patient in a search: the result is
 * what `rankedByProbability` ranks with.
 */
export function imputePatient(setup: ProbabilitySetup, patientTyping: string): ImputedPatient | { error: string } {
  try {
    const r = setup.imputer.impute(patientTyping);
    return { loci: setup.imputer.loci, genotypes: r.genotypes, truncatedMass: r.truncatedMass };
  } catch (err) {
    if (err instanceof ImputationError || isHlaError(err)) return { error: err.message };
    throw err;
  }
}

/** The imputed patient, or a 400 naming `patientTyping` when the set cannot explain the typing. */
export function requireImputedPatient(setup: ProbabilitySetup, patientTyping: string): ImputedPatient {
  const patient = imputePatient(setup, patientTyping);
  if ('error' in patient) {
    throw invalid(
      'patientTyping',
      `the patient's typing cannot be imputed with frequency set '${setup.loaded.name}': ${patient.error}`
    );
  }
  return patient;
}

/**
 * The first `size` hits ranked by (mismatch class, probability of that class or better, grade order), among
 * every hit of the classes the page reaches. Only the candidates' class and typing are read for the ranking;
 * full hits are materialized for the page alone. With a rank pool the donors' typings are scored on its worker
 * threads (ADR 0411: the same page, and the event loop free meanwhile); a pool that has stopped leaves the
 * ranking to this thread.
 */
export async function rankedByProbability(
  setup: ProbabilitySetup,
  result: SearchResult,
  patient: ImputedPatient,
  scope: 6 | 8 | 10,
  size: number,
  rankPool?: RankPool
): Promise<ProbabilityPage> {
  const { globals, candidates } = classCandidates(result, size);
  // On the rank pool (a registry of 5 M donors or more) the bound from the typing alone is on, as measured at
  // 40 M donors (ADR 0411): the workers compute it in parallel and keep each typing's constraints for its imputation.
  const options = { scope, pageSize: size, typingBound: rankPool !== undefined, donorTop: DONOR_TOP };
  const here = () => rankByProbability(patient, new ImputationCache(setup.imputer, DONOR_TOP), candidates, options);
  let ranking;
  if (!rankPool) ranking = here();
  else {
    const { loaded, imputer } = setup;
    const source = () => ({ set: loaded.set, population: loaded.population, resolution: imputer.resolution });
    try {
      ranking = await rankByProbabilityOn(
        patient,
        { scorer: (start) => rankPool.scorer(setup.key, source, start) },
        candidates,
        options
      );
    } catch (err) {
      if (!(err instanceof RankPoolUnavailable)) throw err;
      ranking = here();
    }
  }
  const order = ranking.order.slice(0, size);
  return {
    hits: result.hitsAt(order.map((i) => globals[i] as number)),
    probabilities: order.map((i) => view(setup.loaded.name, ranking.probabilities.get(i))),
    computed: ranking.computed,
    pruned: ranking.pruned,
  };
}

function view(frequencySet: string, p: RankedProbability | undefined): HitProbabilityView | null {
  if (!p) return null;
  if ('error' in p) return { frequencySet, error: p.error };
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return {
    frequencySet,
    score: clamp(p.score),
    p10: p.p10 === null ? null : clamp(p.p10),
    p9plus: p.p9plus === null ? null : clamp(p.p9plus),
    p8of8: p.p8of8 === null ? null : clamp(p.p8of8),
    loci: Object.fromEntries(Object.entries(p.loci).map(([l, x]) => [l, clamp(x)])),
    unaccountedMass: clamp(p.unaccountedMass),
    definite: p.definite,
  };
}

/** The most probable genotypes of patient and donor for an explanation (at most `top` each). */
export function topGenotypes(setup: ProbabilitySetup, patientTyping: string, donorTyping: string, top = 5) {
  const one = (gl: string) => setup.imputer.impute(gl, { top }).genotypes.map((g) => ({ ...g }));
  let donor: { haplotypes: readonly [string, string]; probability: number }[] = [];
  let donorError: string | undefined;
  try {
    donor = one(donorTyping);
  } catch (err) {
    if (!(err instanceof ImputationError || isHlaError(err))) throw err;
    donorError = err.message;
  }
  let patient: typeof donor = [];
  try {
    patient = one(patientTyping);
  } catch (err) {
    if (!(err instanceof ImputationError || isHlaError(err))) throw err;
  }
  return {
    frequencySet: setup.loaded.name,
    patient: patient.map((g) => ({
      haplotypes: [g.haplotypes[0], g.haplotypes[1]] as [string, string],
      probability: g.probability,
    })),
    donor: donor.map((g) => ({
      haplotypes: [g.haplotypes[0], g.haplotypes[1]] as [string, string],
      probability: g.probability,
    })),
    ...(donorError ? { donorError } : {}),
  };
}
