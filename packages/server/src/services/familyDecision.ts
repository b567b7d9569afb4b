import type { DonorChoose, FamilyDecisionResult, FamilyDonorChoice, RankedRelative } from '@engraft/domain';
import type { Database } from '../db/database';
import { conflict, notFound, requireConfirmations } from '../errors';
import { appendAudit } from '../repo/auditLog';
import { insertDecision, listDecisions } from '../repo/familyAntibodies';
import { listEpisodeDonors } from '../repo/donors';
import type { DonorRegistrySource } from './donorRegistry';
import { chooseDonorIn, typingCheckOf } from './donors';
import { requireEpisode } from './episodeAccess';
import { familyDonors } from './familyAnalysis';
import { requireRelative } from './familyRelatives';
import { antigenOfRegistry, kirLigandsOfRegistry } from './familyRegistry';
import type { CentreActor } from './patients';

// The decision of the family work-up (issue 19, ADR 0421): a relative becomes the episode's related donor in the
// existing donor work-up (services/donors.ts), with who chose, why and at which rank, in one transaction with its
// audit events. A relative with a DSA over the positive threshold is chosen only with a recorded confirmation.

const RELATIONSHIP: Record<RankedRelative['relationship'], Extract<DonorChoose, { kind: 'related' }>['relationship']> =
  {
    mother: 'parent',
    father: 'parent',
    'full-sibling': 'sibling',
    'half-sibling': 'sibling',
    child: 'child',
    other: 'other-relative',
  };

/** The donor work-up's match grade: identical by descent or by typing, one haplotype, or mismatched. */
const MATCH = {
  'hla-identical': 'hla-identical',
  'phenotypically-identical': 'hla-identical',
  haploidentical: 'haploidentical',
  mismatched: 'mismatched',
} as const;

const RELATIONSHIP_WORDS: Record<RankedRelative['relationship'], string> = {
  mother: 'mother',
  father: 'father',
  'full-sibling': 'sibling',
  'half-sibling': 'half sibling',
  child: 'child',
  other: 'relative',
};

export async function chooseFamilyDonor(
  db: Database,
  actor: CentreActor,
  patientId: string,
  input: FamilyDonorChoice,
  today: string,
  registry?: DonorRegistrySource
): Promise<FamilyDecisionResult> {
  const check = await typingCheckOf(registry);
  const antigenOf = await antigenOfRegistry(registry);
  const kirLigands = await kirLigandsOfRegistry(registry);
  return db.transaction(async (tx) => {
    const episode = await requireEpisode(tx, actor, input.episodeId);
    if (episode.patientId !== patientId) throw notFound('episode');
    const relative = await requireRelative(tx, actor, patientId, input.relativeId);
    const view = await familyDonors(tx, actor, patientId, undefined, antigenOf, today, kirLigands);
    const ranked = view.ranked.find((r) => r.relativeId === relative.id)!;
    if (!relative.typing || ranked.match === 'not-typed') {
      throw conflict(`${relative.name} is not HLA typed: type the relative before choosing`, 'relativeId');
    }
    const active = new Set(
      (await listEpisodeDonors(tx, actor.centreId, episode.id)).filter((d) => d.status !== 'cancelled').map((d) => d.id)
    );
    const earlier = (await listDecisions(tx, actor.centreId, patientId)).find(
      (d) => d.episodeId === episode.id && d.relativeId === relative.id && active.has(d.donorId)
    );
    if (earlier) throw conflict(`${relative.name} is already this episode’s donor`, 'relativeId');
    const hits = ranked.dsa?.hits ?? [];
    const confirmed = requireConfirmations(
      hits.length
        ? [
            {
              field: 'relativeId',
              message: `${relative.name} carries antigens the patient has antibodies against: ${hits.map((h) => h.reason).join('; ')}`,
            },
          ]
        : [],
      input.confirmations
    );
    const donor = await chooseDonorIn(
      tx,
      actor,
      episode.id,
      {
        kind: 'related',
        relationship: RELATIONSHIP[relative.relationship],
        match: MATCH[ranked.match],
        displayName: `${relative.name} (${RELATIONSHIP_WORDS[relative.relationship]})`.slice(0, 80),
        hlaTyping: relative.typing.glString,
        sex: relative.sex ?? undefined,
        birthDate: relative.dateOfBirth ?? undefined,
        aboRh: relative.aboRh === 'unknown' ? undefined : relative.aboRh,
        cmv: relative.cmv,
        weightKg: relative.weightKg ?? undefined,
      },
      today,
      check
    );
    const decision = await insertDecision(tx, actor.centreId, patientId, actor, {
      episodeId: episode.id,
      relativeId: relative.id,
      donorId: donor.id,
      reason: input.reason,
      rank: ranked.rank,
    });
    await appendAudit(tx, actor, {
      action: 'create',
      entityType: 'family-donor-decision',
      entityId: decision.id,
      patientId,
      reason: input.reason,
      after: {
        episodeId: episode.id,
        relativeId: relative.id,
        donorId: donor.id,
        rank: ranked.rank,
        tier: ranked.tier,
        match: ranked.match,
        dsa: ranked.dsa?.worst ?? (ranked.dsa ? 'none' : 'no antibody test'),
        confirmations: confirmed.length ? confirmed : undefined,
      },
    });
    return { decision, donor };
  });
}
