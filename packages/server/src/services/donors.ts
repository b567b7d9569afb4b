import {
  DONOR_MATCHES,
  DONOR_RELATIONSHIPS,
  DONOR_STATUSES,
  type Donor,
  type DonorChoose,
  type DonorDetails,
  type DonorStatusChange,
  donorTransitionError,
  type Episode,
} from '@engraft/domain';
import { checkTypingSyntax, TypingError } from '@engraft/donors';
import { isHlaError, parseGl } from '@engraft/hla';
import type { Database, Queryable } from '../db/database';
import { conflict, invalid, notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/donors';
import * as episodesRepo from '../repo/episodes';
import * as patientsRepo from '../repo/patients';
import type { DonorRegistrySource } from './donorRegistry';
import type { CentreActor } from './patients';
import { requireEpisode } from './episodeAccess';

// Donor choice and work-up of an episode (issue 7; ADR 0500). Autologous episodes (autologous HCT, CAR-T,
// autologous other cell therapy) have no donor row: the patient is the source, implicitly.

/** Whether the episode's cells come from a donor (allogeneic HCT, allogeneic other cell therapy). */
export const takesDonor = (e: Episode): boolean =>
  e.type === 'allogeneic-hct' || (e.type === 'other-cell-therapy' && e.cellOrigin === 'allogeneic');

async function requireDonor(
  tx: Queryable,
  actor: CentreActor,
  donorId: string
): Promise<{ donor: Donor; episode: Episode }> {
  const donor = await repo.getDonor(tx, actor.centreId, donorId);
  if (!donor) throw notFound('donor');
  return { donor, episode: await requireEpisode(tx, actor, donor.episodeId) };
}

/** Checks a whole GL typing; throws TypingError or HlaError naming the locus and the name. */
export type TypingCheck = (gl: string) => void;

/**
 * One validation path for every typing the system stores (issue 14): when the donor registry is loaded, the
 * check donor search applies to a patient's typing (`DonorIndex.resolvePatient`: loci, name forms, and names
 * that exist in the loaded IPD-IMGT/HLA release, so `A*99:99` is refused); while it loads or without one, the
 * syntax check (`checkTypingSyntax`: `A*:01`, `A*01::01` refused). Never waits for a registry still loading.
 */
export async function typingCheckOf(registry: DonorRegistrySource | undefined): Promise<TypingCheck> {
  if (registry?.status().state === 'ready') {
    const { index } = await registry.get();
    return (gl) => {
      checkTypingSyntax(gl);
      index.resolvePatient(gl);
    };
  }
  return (gl) => void checkTypingSyntax(gl);
}

function checkTyping(typing: string | undefined, check: TypingCheck): string | null {
  if (!typing) return null;
  try {
    parseGl(typing);
    check(typing);
  } catch (err) {
    if (isHlaError(err)) throw invalid('hlaTyping', `the typing is not a valid GL string: ${err.message}`);
    if (err instanceof TypingError) {
      throw invalid('hlaTyping', `the typing is not valid HLA nomenclature: ${err.message}`);
    }
    throw err;
  }
  return typing;
}

interface StoredHit {
  donorId: string;
  registry?: string;
  kind: 'adult' | 'cord';
  sex?: 'M' | 'F' | null;
  age?: number | null;
  abo?: string | null;
  rh?: string | null;
  cmv?: string | null;
  loci?: { locus: string; donorTyping: string | null }[];
  cord?: { tncE7: number | null; cd34E5: number | null; bank: string | null } | null;
}

/** The donor row copied from a stored search result (registry id, typing, sex, birth year, ABO/Rh, CMV, cord cells and bank). */
function fromSearchHit(
  hit: StoredHit,
  searchId: string,
  referenceYear: number | undefined,
  weightKg: number | undefined
): repo.DonorInsert {
  const cord = hit.kind === 'cord';
  const typing = (hit.loci ?? [])
    .map((l) => l.donorTyping)
    .filter((t): t is string => !!t)
    .join('^');
  return {
    source: cord ? 'cord' : 'unrelated',
    registryDonorId: hit.donorId,
    donorSearchId: searchId,
    displayName: `${cord ? 'Cord unit' : 'Registry donor'} ${hit.donorId}${hit.registry ? ` (${hit.registry})` : ''}`,
    hlaTyping: typing || null,
    sex: hit.sex === 'M' ? 'male' : hit.sex === 'F' ? 'female' : null,
    birthYear: hit.age != null && referenceYear ? referenceYear - hit.age : null,
    aboRh: hit.abo ? `${hit.abo}${hit.rh === '-' ? '-' : hit.rh === '+' ? '+' : ''}` : null,
    cmv:
      hit.cmv === 'pos' || hit.cmv === 'positive'
        ? 'positive'
        : hit.cmv === 'neg' || hit.cmv === 'negative'
          ? 'negative'
          : 'unknown',
    weightKg: weightKg ?? null,
    cordBank: hit.cord?.bank ?? null,
    cordTnc: hit.cord?.tncE7 != null ? hit.cord.tncE7 * 1e7 : null,
    cordCd34: hit.cord?.cd34E5 != null ? hit.cord.cd34E5 * 1e5 : null,
  };
}

/** What a related or unrelated adult donor carries besides its source: typing, sex, birth, ABO/Rh, CMV, weight. */
function personDetails(input: Extract<DonorChoose, { kind: 'related' | 'unrelated' }>, check: TypingCheck) {
  return {
    hlaTyping: checkTyping(input.hlaTyping, check),
    sex: input.sex ?? null,
    birthDate: input.birthDate ?? null,
    birthYear: input.birthYear ?? (input.birthDate ? Number(input.birthDate.slice(0, 4)) : null),
    aboRh: input.aboRh ?? null,
    cmv: input.cmv,
    weightKg: input.weightKg ?? null,
  };
}

async function toInsert(
  tx: Queryable,
  actor: CentreActor,
  episodeId: string,
  input: DonorChoose,
  check: TypingCheck
): Promise<repo.DonorInsert> {
  switch (input.kind) {
    case 'search-result': {
      const stored = await repo.storedSearchHit(tx, actor.centreId, input.searchId, input.donorId);
      if (!stored) throw invalid('donorId', `donor ${input.donorId} is not among the stored results of that search`);
      if (stored.episodeId !== episodeId) throw invalid('searchId', 'that search was saved on another episode');
      const referenceYear = (stored.criteria as { referenceYear?: number } | null)?.referenceYear;
      return fromSearchHit(stored.summary as StoredHit, input.searchId, referenceYear, input.weightKg);
    }
    case 'related':
      return {
        source: 'related',
        relationship: input.relationship,
        matchGrade: input.match,
        displayName: input.displayName || `${DONOR_RELATIONSHIPS[input.relationship]} (${DONOR_MATCHES[input.match]})`,
        ...personDetails(input, check),
      };
    case 'unrelated':
      return {
        source: 'unrelated',
        registryDonorId: input.registryDonorId,
        displayName: `Registry donor ${input.registryDonorId}`,
        ...personDetails(input, check),
      };
    case 'cord':
      return {
        source: 'cord',
        registryDonorId: input.registryDonorId,
        displayName: `Cord unit ${input.registryDonorId}`,
        hlaTyping: checkTyping(input.hlaTyping, check),
        sex: input.sex ?? null,
        aboRh: input.aboRh ?? null,
        cmv: 'unknown',
        cordBank: input.cordBank ?? null,
        cordTnc: input.tncCells ?? null,
        cordCd34: input.cd34Cells ?? null,
      };
  }
}

/**
 * Chooses a donor (or a cord unit) for an allogeneic episode, at 'identified' on `today`, with its timeline
 * event and audit event in one transaction. At most two cord units; a registry donor is chosen once.
 */
export async function chooseDonor(
  db: Database,
  actor: CentreActor,
  episodeId: string,
  input: DonorChoose,
  today: string,
  registry?: DonorRegistrySource
): Promise<Donor> {
  const check = await typingCheckOf(registry);
  return db.transaction((tx) => chooseDonorIn(tx, actor, episodeId, input, today, check));
}

/** The choice itself inside the caller's transaction (the family work-up records its decision in the same one). */
export async function chooseDonorIn(
  tx: Queryable,
  actor: CentreActor,
  episodeId: string,
  input: DonorChoose,
  today: string,
  check: TypingCheck
): Promise<Donor> {
  const episode = await requireEpisode(tx, actor, episodeId);
  if (!takesDonor(episode)) {
    throw conflict(
      'this episode uses the patient’s own cells: the patient is the source and no donor is chosen',
      'kind'
    );
  }
  const d = await toInsert(tx, actor, episodeId, input, check);
  const active = (await repo.listEpisodeDonors(tx, actor.centreId, episodeId)).filter((x) => x.status !== 'cancelled');
  if (d.registryDonorId && active.some((x) => x.registryDonorId === d.registryDonorId)) {
    throw conflict(`${d.displayName} is already chosen for this episode`, 'donorId');
  }
  if (d.source === 'cord' && active.filter((x) => x.source === 'cord').length >= 2) {
    throw conflict(
      'two cord units are already chosen for this episode (cancel one to choose another)',
      'registryDonorId'
    );
  }
  const id = await repo.insertDonor(tx, actor.centreId, episodeId, d, today, actor.userId);
  const donor = (await repo.getDonor(tx, actor.centreId, id))!;
  await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
    episodeId,
    date: today,
    kind: 'donor',
    label: `Donor chosen: ${donor.displayName}`,
    recordedBy: actor.userId,
  });
  await appendAudit(tx, actor, {
    action: 'create',
    entityType: 'donor',
    entityId: id,
    patientId: episode.patientId,
    after: { ...d, hlaTyping: d.hlaTyping ? '(recorded)' : null },
  });
  return donor;
}

/** Moves a donor's work-up one step (or cancels it); refused moves answer 409 with the reason. */
export async function changeDonorStatus(
  db: Database,
  actor: CentreActor,
  donorId: string,
  input: DonorStatusChange
): Promise<Donor> {
  return db.transaction(async (tx) => {
    const { donor, episode } = await requireDonor(tx, actor, donorId);
    const why = donorTransitionError(donor.status, input.status);
    if (why) throw conflict(why, 'status');
    if (input.on < donor.statusOn) {
      throw conflict(
        `the date ${input.on} is before the previous step (${DONOR_STATUSES[donor.status].toLowerCase()} on ${donor.statusOn})`,
        'on'
      );
    }
    await repo.setDonorStatus(tx, donorId, input.status, input.on);
    await repo.insertDonorStatusEvent(tx, donorId, input.status, input.on, input.note ?? null, actor.userId);
    await episodesRepo.insertEpisodeEvent(tx, actor.centreId, {
      episodeId: episode.id,
      date: input.on,
      kind: 'donor',
      label: `${donor.displayName}: ${DONOR_STATUSES[input.status].toLowerCase()}`,
      recordedBy: actor.userId,
    });
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'donor',
      entityId: donorId,
      patientId: episode.patientId,
      before: { status: donor.status, on: donor.statusOn },
      after: input,
    });
    return (await repo.getDonor(tx, actor.centreId, donorId))!;
  });
}

/** Completes a donor's details during work-up (typing, ABO/Rh, CMV, sex, birth date or year, weight). */
export async function updateDonorDetails(
  db: Database,
  actor: CentreActor,
  donorId: string,
  input: DonorDetails,
  registry?: DonorRegistrySource
): Promise<Donor> {
  const check = await typingCheckOf(registry);
  return db.transaction(async (tx) => {
    const { donor, episode } = await requireDonor(tx, actor, donorId);
    if (donor.status === 'cancelled') throw conflict('the donor is cancelled; choose another donor instead');
    const typing = checkTyping(input.hlaTyping, check);
    const birthYear = input.birthYear ?? (input.birthDate ? Number(input.birthDate.slice(0, 4)) : undefined);
    await repo.updateDonorDetails(tx, actor.centreId, donorId, {
      hlaTyping: typing,
      sex: input.sex ?? null,
      birthDate: input.birthDate ?? null,
      birthYear: birthYear ?? null,
      aboRh: input.aboRh ?? null,
      cmv: input.cmv ?? null,
      weightKg: input.weightKg ?? null,
    });
    await appendAudit(tx, actor, {
      action: 'update',
      entityType: 'donor',
      entityId: donorId,
      patientId: episode.patientId,
      after: { ...input, hlaTyping: input.hlaTyping ? '(recorded)' : undefined },
    });
    return (await repo.getDonor(tx, actor.centreId, donorId))!;
  });
}

/** The donors of an episode with their work-up history; `source` tells the page whether the patient is the source. Audited read. */
export async function listDonors(db: Database, actor: CentreActor, episodeId: string) {
  return db.transaction(async (tx) => {
    const episode = await requireEpisode(tx, actor, episodeId);
    const p = await patientsRepo.getPatient(tx, actor.centreId, episode.patientId);
    if (!p) throw notFound('patient');
    const donors = await repo.listEpisodeDonors(tx, actor.centreId, episodeId);
    await appendAudit(tx, actor, {
      action: 'read',
      entityType: 'donors',
      entityId: episodeId,
      patientId: episode.patientId,
    });
    const patient = {
      id: p.id,
      mrn: p.mrn,
      familyName: p.familyName,
      givenName: p.givenName,
      aboRh: p.aboRh,
      weightKg: p.weightKg,
    };
    return { episode, patient, takesDonor: takesDonor(episode), donors };
  });
}
