import { ageInYears } from '@engraft/clinical';
import type {
  DsaView,
  FamilyDonors,
  FamilySettings,
  Relative,
  RelativeRelationship,
  SegregationReport,
  UnrelatedCandidate,
} from '@engraft/domain';
import {
  type AntigenOf,
  analyseFamily,
  assessKir,
  type BeadResult,
  donorSpecificAntibodies,
  type DsaTyping,
  type FamilyMember,
  type FamilyRelation,
  type KirGene,
  rankRelatedDonors,
  specificityLocus,
} from '@engraft/donors';
import type { Database, Queryable } from '../db/database';
import { notFound } from '../errors';
import { appendAudit } from '../repo/auditLog';
import { donorSearchesOfEpisode, donorSearchResults } from '../repo/donorSearches';
import * as antibodies from '../repo/familyAntibodies';
import { listRelatives } from '../repo/familyRelatives';
import { listTypings } from '../repo/patientHlaTypings';
import { getPatient } from '../repo/patients';
import { requireEpisode } from './episodeAccess';
import type { DonorRegistrySource } from './donorRegistry';
import { familySettingsOf } from './familyAntibodies';
import { antigenOfRegistry, kirLigandOf, kirLigandsOfRegistry } from './familyRegistry';
import { dsaTypingOf, familyTypingOf } from './familyTyping';
import { KIR_RELEASE_NOT_LOADED, type KirLigandSource } from './kirLigands';
import type { CentreActor } from './patients';

// The family analyses computed on read (issue 19, ADR 0006, ADR 0421): segregation over the stored typings,
// DSA of every candidate against the latest antibody test with the centre's per-locus thresholds, the related
// ranking of the EBMT 2020 consensus (@engraft/donors relatedDonorRanking), and the best saved unrelated donors
// and cord units of the episode for comparison. Nothing here writes.

/** How a stored relationship enters segregation: only full siblings share both parents. */
const RELATION: Record<RelativeRelationship, Exclude<FamilyRelation, 'patient'>> = {
  mother: 'mother',
  father: 'father',
  'full-sibling': 'sibling',
  'half-sibling': 'other',
  child: 'child',
  other: 'other',
};

interface FamilyInputs {
  patientGl: string | null;
  relatives: Relative[];
  /** Unique readable labels (names; a repeated name gets "(2)"), used in the analysis' own words. */
  labels: Map<string, string>;
}

async function loadFamily(tx: Queryable, actor: CentreActor, patientId: string): Promise<FamilyInputs> {
  if (!(await getPatient(tx, actor.centreId, patientId))) throw notFound('patient');
  const patientGl = (await listTypings(tx, actor.centreId, patientId))[0]?.glString ?? null;
  const relatives = await listRelatives(tx, actor.centreId, patientId);
  const labels = new Map<string, string>();
  const used = new Set(['patient']);
  for (const r of relatives) {
    let label = r.name;
    for (let n = 2; used.has(label); n++) label = `${r.name} (${n})`;
    used.add(label);
    labels.set(r.id, label);
  }
  return { patientGl, relatives, labels };
}

function segregate(f: FamilyInputs): SegregationReport {
  const byLabel = new Map([...f.labels].map(([id, label]) => [label, id]));
  const members: FamilyMember[] = [
    { id: 'patient', relation: 'patient', typing: familyTypingOf(f.patientGl) },
    ...f.relatives.map((r) => ({
      id: f.labels.get(r.id)!,
      relation: RELATION[r.relationship],
      typing: familyTypingOf(r.typing?.glString),
    })),
  ];
  const a = analyseFamily(members);
  const idOf = (label: string) => byLabel.get(label) ?? label;
  return {
    loci: a.loci,
    method: a.method,
    haplotypes: Object.fromEntries(
      Object.entries(a.haplotypes).map(([h, loci]) => [
        h,
        Object.fromEntries(Object.entries(loci ?? {}).map(([l, p]) => [l, [...(p ?? [])]])),
      ])
    ),
    members: a.members.map((m) => ({
      ...m,
      id: idOf(m.id),
      name: m.id === 'patient' ? 'Patient' : m.id,
      haplotypes: [...m.haplotypes] as [(typeof m.haplotypes)[0], (typeof m.haplotypes)[1]],
    })),
    findings: a.findings.map((x) => ({ ...x, memberId: idOf(x.memberId) })),
    missing: f.patientGl ? null : 'the patient has no HLA typing yet: record it on the patient record first',
  };
}

/** The segregation report of a patient's family. */
export async function segregationReport(tx: Queryable, actor: CentreActor, patientId: string) {
  return segregate(await loadFamily(tx, actor, patientId));
}

export interface DsaContext {
  beads: BeadResult[] | null;
  patient: DsaTyping;
  antigenOf: AntigenOf;
  thresholds: FamilySettings['thresholds'];
}

/** DSA of one donor, each bead read with its own locus' thresholds; null when there is no antibody test. */
export function dsaOf(ctx: DsaContext, donorGl: string | null): DsaView | null {
  if (!ctx.beads) return null;
  const donor = dsaTypingOf(donorGl);
  const hits = ctx.beads.flatMap((b) => {
    const locus = specificityLocus(b.specificity);
    const t = locus ? ctx.thresholds[locus] : undefined;
    return t ? donorSpecificAntibodies([b], donor, ctx.patient, ctx.antigenOf, t).hits : [];
  });
  hits.sort((x, y) => y.mfi - x.mfi);
  const order = ['positive', 'strong', 'desensitisation'] as const;
  const worst = hits.reduce<DsaView['worst']>(
    (w, h) => (!w || order.indexOf(h.strength) > order.indexOf(w) ? h.strength : w),
    null
  );
  return { hits, worst };
}

const hitLabel = (h: { kind: string; donorId: string; registry?: string }) =>
  `${h.kind === 'cord' ? 'Cord unit' : 'Registry donor'} ${h.donorId}${h.registry ? ` (${h.registry})` : ''}`;

/** The best saved unrelated donors and cord units of the episode (newest search, first five), with their DSA. */
async function unrelatedOf(tx: Queryable, actor: CentreActor, episodeId: string, ctx: DsaContext) {
  const search = (await donorSearchesOfEpisode(tx, actor.centreId, episodeId))[0];
  if (!search) return [];
  const { hits } = await donorSearchResults(tx, search.id, 0, 5);
  return (
    hits as {
      kind: 'adult' | 'cord';
      donorId: string;
      registry?: string;
      mismatches?: number;
      loci?: { donorTyping: string | null }[];
    }[]
  ).map((h): UnrelatedCandidate => ({
    kind: h.kind,
    donorId: h.donorId,
    searchId: search.id,
    label: hitLabel(h),
    matchSummary: h.mismatches == null ? null : `${h.mismatches} mismatch${h.mismatches === 1 ? '' : 'es'}`,
    dsa: dsaOf(
      ctx,
      (h.loci ?? [])
        .map((l) => l.donorTyping)
        .filter((t): t is string => !!t)
        .join('^') || null
    ),
  }));
}

/**
 * Related donors ranked with their reasons and DSA, the episode's unrelated candidates, and the decisions.
 * `antigenOf` is null while the HLA release is not loaded: antigen-level beads are then not read (a warning).
 */
export async function familyDonors(
  tx: Queryable,
  actor: CentreActor,
  patientId: string,
  episodeId: string | undefined,
  antigenOf: AntigenOf | null,
  today: string,
  kirLigands: KirLigandSource = { unknown: KIR_RELEASE_NOT_LOADED }
): Promise<FamilyDonors> {
  const f = await loadFamily(tx, actor, patientId);
  const patient = (await getPatient(tx, actor.centreId, patientId))!;
  const settings = await familySettingsOf(tx, actor.centreId);
  const latest = (await antibodies.listAntibodyTests(tx, actor.centreId, patientId))[0] ?? null;
  const warnings: string[] = [];
  if (!f.patientGl) warnings.push('the patient has no HLA typing: matches and DSA cannot be read');
  if (!latest) warnings.push('no antibody test on record: DSA unknown for every donor');
  if (latest && !antigenOf && latest.results.some((r) => !r.specificity.includes('*'))) {
    warnings.push('the HLA release is not loaded: antigen-level beads were not compared; reload before deciding');
  }
  const ctx: DsaContext = {
    beads: latest ? latest.results.map((r) => ({ ...r, testedOn: latest.testedOn })) : null,
    patient: dsaTypingOf(f.patientGl),
    antigenOf: antigenOf ?? (() => null),
    thresholds: settings.thresholds,
  };
  const seg = segregate(f);
  const matchOf = new Map(seg.members.map((m) => [m.id, m.match]));
  const dsa = new Map(f.relatives.map((r) => [r.id, dsaOf(ctx, r.typing?.glString ?? null)]));
  const ranked = rankRelatedDonors(
    f.relatives.map((r) => ({
      id: r.id,
      relation: RELATION[r.relationship],
      match: matchOf.get(r.id) ?? 'not-typed',
      ageYears: r.dateOfBirth ? ageInYears(r.dateOfBirth, today) : null,
      sex: r.sex,
      cmvPositive: r.cmv === 'unknown' ? null : r.cmv === 'positive',
      aboRh: r.aboRh === 'unknown' ? null : r.aboRh,
      dsa: dsa.get(r.id) ?? null,
      kir: r.kir ? assessKir({ haplotype: r.kir.haplotype, genes: r.kir.genes as KirGene[] | null }) : null,
      kirLigand: kirLigandOf(kirLigands, f.patientGl, r.typing?.glString),
      available: r.availability !== 'unavailable' && r.contact !== 'declined',
    })),
    {
      sex: patient.sex === 'female' || patient.sex === 'male' ? patient.sex : null,
      // The recipient's serostatus from the patient record (migration 0025); unknown reads "not recorded".
      cmvPositive: !patient.cmv || patient.cmv === 'unknown' ? null : patient.cmv === 'positive',
      aboRh: patient.aboRh === 'unknown' ? null : patient.aboRh,
    },
    settings.weights
  );
  const byId = new Map(f.relatives.map((r) => [r.id, r]));
  let unrelated: UnrelatedCandidate[] = [];
  if (episodeId) {
    const episode = await requireEpisode(tx, actor, episodeId);
    if (episode.patientId !== patientId) throw notFound('episode');
    unrelated = await unrelatedOf(tx, actor, episodeId, ctx);
  }
  return {
    antibodyTest: latest ? { id: latest.id, testedOn: latest.testedOn } : null,
    thresholds: settings.thresholds,
    ranked: ranked.map((x) => {
      const r = byId.get(x.id)!;
      return {
        relativeId: r.id,
        name: r.name,
        relationship: r.relationship,
        match: matchOf.get(r.id) ?? 'not-typed',
        rank: x.rank,
        tier: x.tier,
        score: x.score,
        summary: x.summary,
        criteria: x.criteria,
        dsa: dsa.get(r.id) ?? null,
        crossmatches: r.crossmatches,
      };
    }),
    unrelated,
    recipient: { sex: patient.sex, aboRh: patient.aboRh, cmv: patient.cmv ?? 'unknown' },
    warnings,
    decisions: await antibodies.listDecisions(tx, actor.centreId, patientId),
  };
}

/** The segregation report as an audited read. */
export async function readSegregation(db: Database, actor: CentreActor, patientId: string) {
  return db.transaction(async (tx) => {
    const report = await segregationReport(tx, actor, patientId);
    await appendAudit(tx, actor, { action: 'read', entityType: 'family-segregation', entityId: patientId, patientId });
    return report;
  });
}

/** The ranked donors view as an audited read. */
export async function readFamilyDonors(
  db: Database,
  actor: CentreActor,
  patientId: string,
  episodeId: string | undefined,
  registry: DonorRegistrySource | undefined,
  today: string
): Promise<FamilyDonors> {
  const antigenOf = await antigenOfRegistry(registry);
  const kirLigands = await kirLigandsOfRegistry(registry);
  return db.transaction(async (tx) => {
    const view = await familyDonors(tx, actor, patientId, episodeId, antigenOf, today, kirLigands);
    await appendAudit(tx, actor, { action: 'read', entityType: 'family-donors', entityId: patientId, patientId });
    return view;
  });
}
