import { type DonorExplanation, type SearchCriteriaInput, type SearchHit, TypingError } from '@engraft/donors';
import {
  ABO_GROUPS,
  type DonorExplanationView,
  type DonorHitSummary,
  type DonorSearchCreate,
  type DonorSearchSummary,
} from '@engraft/domain';
import { isHlaError } from '@engraft/hla';
import type { Database, Queryable } from '../db/database';
import { EngraftError, invalid, notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/donorSearches';
import { type DonorRegistrySource, searchRegistry } from './donorRegistry';
import {
  type ImputedPatient,
  imputePatient,
  probabilitySetup,
  rankedByProbability,
  requireImputedPatient,
  topGenotypes,
} from './donorSearchProbability';
import type { CentreActor } from './patients';
import { requireEpisodeAndPatient as requireEpisode } from './episodeAccess';

/** Ranked hits kept with a saved search: what was found then, whatever the registry holds later. */
export const STORED_HITS = 200;

/**
 * Criteria as stored: the API criteria plus the year ages were computed in, so a re-explanation agrees, and the
 * patient ABO group actually used (`patientAboFrom` says whether it was given or taken from the patient record).
 */
type StoredCriteria = DonorSearchSummary['criteria'];

/** The ABO group of a patient record's ABO/Rh ('A+' -> 'A'), undefined when unknown. */
export function aboOfRecord(aboRh: string | null | undefined): (typeof ABO_GROUPS)[number] | undefined {
  const group = aboRh?.replace(/[+-]$/, '');
  return ABO_GROUPS.find((g) => g === group);
}

/** The patient as the engine ranks: typing, weight for the cord dose, CMV and ABO for the ranking keys. */
function enginePatient(typing: string, c: StoredCriteria) {
  return {
    typing,
    ...(c.weightKg === undefined ? {} : { weightKg: c.weightKg }),
    ...(c.patientCmv === undefined ? {} : { cmv: c.patientCmv }),
    ...(c.patientAbo === undefined ? {} : { abo: c.patientAbo }),
  };
}

/**
 * The engine criteria for stored API criteria: a cord-only 6/6 search counts A and B at antigen level (Dehn J et
 * al., Blood 2019;134:924) unless the criteria name a level for them; levels given per locus win.
 */
function engineCriteria(c: StoredCriteria): SearchCriteriaInput {
  const cordOnly = c.donorKinds.length === 1 && c.donorKinds[0] === 'cord';
  return {
    loci: c.loci,
    maxMismatches: c.maxMismatches,
    donorKinds: c.donorKinds,
    referenceYear: c.referenceYear,
    ...(c.maxMismatchesPerLocus ? { maxMismatchesPerLocus: c.maxMismatchesPerLocus } : {}),
    levels: {
      ...(cordOnly && c.loci === 6 ? { A: 'antigen', B: 'antigen', DRB1: 'allele' } : {}),
      ...Object.fromEntries(Object.entries(c.levels ?? {}).filter(([, v]) => v !== undefined)),
    },
  };
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** One hit as stored and returned: the donor's attributes, counts, per-locus grades, DPB1 category and cord dose. */
export function hitSummary(h: SearchHit): DonorHitSummary {
  const d = h.donor;
  return {
    rank: h.rank,
    donorId: d.id,
    registry: d.registry,
    kind: d.kind,
    sex: d.sex ?? null,
    age: h.age ?? null,
    abo: d.abo ?? null,
    rh: d.rh ?? null,
    cmv: d.cmv ?? null,
    availability: d.availability,
    mismatches: h.mismatches,
    potential: h.potential,
    loci: h.loci.map((m) => ({
      locus: m.locus,
      level: m.level,
      typed: m.typed,
      donorTyping: d.typing[m.locus] ?? null,
      grades: m.positions.map((p) => (m.level === 'antigen' ? p.antigen : p.allele)),
      mismatches: m.mismatches,
      potential: m.potential,
      gvh: m.gvh,
      hvg: m.hvg,
    })),
    dpb1: h.dpb1,
    cord: h.cord
      ? {
          tncE7: d.cord?.tncE7 ?? null,
          cd34E5: d.cord?.cd34E5 ?? null,
          bank: d.cord?.bank ?? null,
          tncE7PerKg: round(h.cord.tncE7PerKg),
          cd34E5PerKg: h.cord.cd34E5PerKg === null ? null : round(h.cord.cd34E5PerKg),
          hlaMatched: h.cord.hlaMatched,
          hlaOf: h.cord.hlaOf,
          adequateSingle: h.cord.single.adequate,
          adequateDouble: h.cord.double.adequate,
          failed: h.cord.single.failed,
        }
      : d.kind === 'cord'
        ? {
            tncE7: d.cord?.tncE7 ?? null,
            cd34E5: d.cord?.cd34E5 ?? null,
            bank: d.cord?.bank ?? null,
            tncE7PerKg: null,
            cd34E5PerKg: null,
            hlaMatched: null,
            hlaOf: null,
            adequateSingle: null,
            adequateDouble: null,
            failed: [],
          }
        : null,
  };
}
export type { DonorHitSummary };

export async function requireSearch(tx: Queryable, actor: CentreActor, searchId: string) {
  const search = await repo.getDonorSearch(tx, actor.centreId, searchId);
  if (!search) throw notFound('donor search');
  const { patient } = await requireEpisode(tx, actor, search.episodeId);
  return { search, patient };
}

const typingProblem = (err: unknown): EngraftError | undefined => {
  if (err instanceof TypingError || isHlaError(err)) {
    return invalid('patientTyping', `the patient's typing is not valid HLA nomenclature: ${err.message}`);
  }
  return undefined;
};

export const publicSearch = (s: repo.StoredDonorSearch): DonorSearchSummary => ({
  id: s.id,
  episodeId: s.episodeId,
  patientTyping: s.patientTyping,
  criteria: s.criteria as StoredCriteria,
  release: s.release,
  total: s.total,
  stored: Math.min(s.total, STORED_HITS),
  createdBy: s.createdBy,
  createdAt: s.createdAt,
});
export type { DonorSearchSummary };

/**
 * Searches the donor registry for an allogeneic episode's patient and saves the search on the episode: the
 * typing and criteria, the nomenclature release, the total, and the first ranked hits, in one transaction
 * with its audit event.
 */
export async function createDonorSearch(
  db: Database,
  registry: DonorRegistrySource,
  actor: CentreActor,
  episodeId: string,
  input: DonorSearchCreate,
  today: string
): Promise<DonorSearchSummary> {
  const { episode, patient: record } = await requireEpisode(db, actor, episodeId);
  if (episode.type !== 'allogeneic-hct') {
    throw new EngraftError('invalid', 'donor searches are made for allogeneic HCT episodes', [
      { path: 'episodeId', message: 'not an allogeneic HCT episode' },
    ]);
  }
  const live = await registry.get();
  const recordAbo = aboOfRecord(record.aboRh);
  let setup =
    input.criteria.rankBy === 'grades'
      ? undefined
      : await probabilitySetup(db, actor.centreId, live.engine, input.criteria);
  // The centre's default set is not available for a patient it cannot explain (e.g. the demo's synthetic set and a
  // real patient's typing): the search is then ranked by grades, and its criteria say so. A set named in the request
  // still refuses the typing, naming the field (ADR 0411).
  // The patient is imputed here, once: the ranking below uses this imputation.
  let imputed: ImputedPatient | undefined;
  if (setup) {
    if (input.criteria.frequencySet !== undefined) imputed = requireImputedPatient(setup, input.patientTyping);
    else {
      const p = imputePatient(setup, input.patientTyping);
      if ('error' in p) setup = undefined;
      else imputed = p;
    }
  }
  const criteria: StoredCriteria = {
    ...input.criteria,
    rankBy: setup ? 'probability' : 'grades',
    ...(setup ? { frequencySet: setup.loaded.name, frequencySetSha256: setup.loaded.sha256 } : {}),
    referenceYear: Number(today.slice(0, 4)),
    ...(input.criteria.patientAbo !== undefined
      ? { patientAboFrom: 'request' as const }
      : recordAbo
        ? { patientAbo: recordAbo, patientAboFrom: 'patient-record' as const }
        : {}),
    ...(input.criteria.weightKg === undefined && record.weightKg != null && input.criteria.donorKinds.includes('cord')
      ? { weightKg: record.weightKg }
      : {}),
  };
  let result;
  try {
    // On the registry's worker threads: the scan does not hold up other requests.
    result = await searchRegistry(live, enginePatient(input.patientTyping, criteria), engineCriteria(criteria));
  } catch (err) {
    throw typingProblem(err) ?? err;
  }
  let hits: DonorHitSummary[];
  if (setup && imputed) {
    const page = await rankedByProbability(setup, result, imputed, criteria.loci, STORED_HITS, live.rankPool);
    hits = page.hits.map((h, i) => ({ ...hitSummary(h), probability: page.probabilities[i] ?? null }));
  } else hits = result.page(0, STORED_HITS).map(hitSummary);
  return db.transaction(async (tx) => {
    const { patient } = await requireEpisode(tx, actor, episodeId);
    const saved = await repo.insertDonorSearch(tx, {
      centreId: actor.centreId,
      episodeId,
      criteria,
      patientTyping: input.patientTyping,
      release: result.release,
      total: result.total,
      userId: actor.userId,
    });
    await repo.insertDonorSearchResults(
      tx,
      saved.id,
      hits.map((h) => ({ rank: h.rank, donorId: h.donorId, summary: h }))
    );
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'donor-search',
      entityId: saved.id,
      patientId: patient.id,
      after: { episodeId, criteria, release: result.release, total: result.total, stored: hits.length },
    });
    return publicSearch(saved);
  });
}

/** The donor searches saved on an episode, newest first. Audited as a read of the patient's record. */
export async function listDonorSearches(
  db: Database,
  actor: CentreActor,
  episodeId: string
): Promise<DonorSearchSummary[]> {
  return db.transaction(async (tx) => {
    const { patient } = await requireEpisode(tx, actor, episodeId);
    const searches = await repo.donorSearchesOfEpisode(tx, actor.centreId, episodeId);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'donor-searches',
      entityId: episodeId,
      patientId: patient.id,
    });
    return searches.map(publicSearch);
  });
}

/** A page of a saved search's stored hits, in rank order. Audited as a read. */
export async function donorSearchResults(
  db: Database,
  actor: CentreActor,
  searchId: string,
  offset: number,
  limit: number
) {
  return db.transaction(async (tx) => {
    const { search, patient } = await requireSearch(tx, actor, searchId);
    const { stored, hits } = await repo.donorSearchResults(tx, searchId, offset, limit);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'donor-search',
      entityId: searchId,
      patientId: patient.id,
    });
    return { search: publicSearch(search), offset, limit, stored, hits: hits as DonorHitSummary[] };
  });
}

/** Why one donor of a saved search matches as it does, locus by locus, from the live registry. Audited as a read. */
export async function explainDonorOfSearch(
  db: Database,
  registry: DonorRegistrySource,
  actor: CentreActor,
  searchId: string,
  donorId: string
): Promise<DonorExplanationView> {
  const { search, patient } = await requireSearch(db, actor, searchId);
  const { index, engine } = await registry.get();
  const criteria = search.criteria as StoredCriteria;
  let explanation: DonorExplanation | undefined;
  try {
    explanation = index.explain(donorId, enginePatient(search.patientTyping, criteria), engineCriteria(criteria));
  } catch (err) {
    throw typingProblem(err) ?? err;
  }
  if (!explanation) throw new EngraftError('not-found', `donor ${donorId} is not in the registry (any more)`);
  const setup = criteria.frequencySet
    ? await probabilitySetup(db, actor.centreId, engine, { frequencySet: criteria.frequencySet, rankBy: 'probability' })
    : undefined;
  const donorGl = explanation.loci.flatMap((l) => (l.donorTyping ? [l.donorTyping] : [])).join('^');
  const genotypes = setup ? topGenotypes(setup, search.patientTyping, donorGl) : undefined;
  await db.transaction((tx) =>
    appendAudit(tx, actor, {
      action: 'read',
      entityType: 'donor-explanation',
      entityId: searchId,
      patientId: patient.id,
      after: { donorId },
    })
  );
  return { ...explanation, searchId, searchRelease: search.release, ...(genotypes ? { genotypes } : {}) };
}
