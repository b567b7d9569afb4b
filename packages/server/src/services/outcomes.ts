import {
  cifRows,
  compareSurvival,
  cumulativeIncidence,
  deriveEndpoint,
  ENDPOINTS,
  type EndpointName,
  grayTest,
  kmRows,
  medianFollowUp,
  numbersAtRisk,
  type PatientEvents,
} from '@engraft/outcomes';
import {
  DISEASES,
  type DiseaseCode,
  DONOR_TYPES,
  type DonorType,
  donorTypeOf,
  EPISODE_TYPES,
  type EpisodeType,
} from '@engraft/domain';
import type { Database } from '../db/database';
import { appendAudit } from '../repo/auditLog';
import { outcomeCohort, type OutcomeCohortRow } from '../repo/outcomes';
import type { CentreActor } from './patients';

export interface OutcomesQuery {
  endpoint: EndpointName;
  groupBy: 'none' | 'episode-type' | 'disease' | 'donor-type';
  disease?: string | undefined;
  episodeType?: string | undefined;
  donorType?: DonorType | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Days at which the numbers at risk are shown under the plot. */
export const AT_RISK_DAYS = [0, 100, 180, 365, 730, 1095, 1825];

const latest = (...dates: (string | null)[]): string =>
  dates
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1)!;

/** The recorded events of one episode as the outcomes package wants them; follow-up ends at the last record. */
export function toPatientEvents(r: OutcomeCohortRow): PatientEvents {
  const events = [r.relapse, r.agvhd34, r.cgvhd_systemic];
  const lastContact = r.death ?? latest(r.day_zero, r.last_activity, ...events);
  return {
    id: r.episode_id,
    infusionDate: r.day_zero,
    lastContactDate: lastContact,
    deathDate: r.death,
    // Events recorded after a death are data errors; they are dropped rather than failing the whole cohort.
    relapseDate: r.death && r.relapse && r.relapse > r.death ? null : r.relapse,
    agvhd34Date: r.death && r.agvhd34 && r.agvhd34 > r.death ? null : r.agvhd34,
    cgvhdSystemicDate: r.death && r.cgvhd_systemic && r.cgvhd_systemic > r.death ? null : r.cgvhd_systemic,
  };
}

const donorTypeOfRow = (r: OutcomeCohortRow) =>
  donorTypeOf(
    { type: r.episode_type, cellOrigin: r.cell_origin },
    r.donor_source ? { source: r.donor_source, relationship: r.donor_relationship, matchGrade: r.donor_match } : null
  );

function groupOf(r: OutcomeCohortRow, by: OutcomesQuery['groupBy']): string | null {
  if (by === 'episode-type') return EPISODE_TYPES[r.episode_type as EpisodeType] ?? r.episode_type;
  if (by === 'disease') return DISEASES[r.disease as DiseaseCode]?.label ?? r.disease;
  if (by === 'donor-type') return DONOR_TYPES[donorTypeOfRow(r)];
  return null;
}

/**
 * Kaplan–Meier (OS, PFS, GRFS) with the log-rank test, or cumulative incidence (relapse, NRM) with Gray's
 * test, for a cohort of the centre's infused episodes. Reads patient data in aggregate: audited as a query.
 */
export async function analyseOutcomes(db: Database, actor: CentreActor, q: OutcomesQuery, today: string) {
  const cohort = await outcomeCohort(db, actor.centreId, {
    today,
    disease: q.disease,
    episodeType: q.episodeType,
    from: q.from,
    to: q.to,
  });
  const rows = q.donorType ? cohort.filter((r) => donorTypeOfRow(r) === q.donorType) : cohort;
  await db.transaction((tx) =>
    appendAudit(tx, actor, { action: 'query', entityType: 'outcomes', after: { ...q, episodes: rows.length } })
  );
  const def = ENDPOINTS[q.endpoint];
  const endpoint = { name: def.name, label: def.label, version: def.version, estimator: def.estimator };
  if (!rows.length) return { endpoint, n: 0, atRiskDays: AT_RISK_DAYS, medianFollowUp: null, groups: [], test: null };
  const events = rows.map(toPatientEvents);
  const data = deriveEndpoint(events, q.endpoint);
  // Median follow-up by reverse Kaplan–Meier (Schemper & Smith 1996), which §11 asks to report with outcomes.
  const os = deriveEndpoint(events, 'OS');
  const base = {
    endpoint,
    n: rows.length,
    atRiskDays: AT_RISK_DAYS,
    medianFollowUp: medianFollowUp({ time: os.time, status: os.status }),
  };
  const groups = rows.map((r) => groupOf(r, q.groupBy));
  const grouped = q.groupBy !== 'none';
  if (def.estimator === 'survival') {
    const cmp = compareSurvival({ time: data.time, status: data.status, ...(grouped ? { group: groups } : {}) });
    return {
      ...base,
      groups: cmp.curves.map((c) => ({
        name: c.name === null ? 'All' : String(c.name),
        n: c.n,
        events: c.events,
        median: c.median,
        medianLower: c.medianLower,
        medianUpper: c.medianUpper,
        points: kmRows(c).map((p) => ({
          time: p.time,
          estimate: p.survival,
          lower: p.lower,
          upper: p.upper,
          nRisk: p.nRisk,
          nEvent: p.nEvent,
          nCensor: p.nCensor,
          nCompeting: 0,
        })),
        atRisk: numbersAtRisk(c, AT_RISK_DAYS),
      })),
      test: cmp.logRank
        ? { name: 'log-rank' as const, stat: cmp.logRank.chisq, df: cmp.logRank.df, p: cmp.logRank.p }
        : null,
    };
  }
  const cif = cumulativeIncidence({ time: data.time, cause: data.cause, ...(grouped ? { group: groups } : {}) });
  // Censorings and competing events per group and time, for censor marks and the data export.
  const tally = new Map<string, { censor: number; competing: number }>();
  data.time.forEach((t, i) => {
    const key = `${grouped ? String(groups[i]) : 'All'}|${t}`;
    const c = tally.get(key) ?? { censor: 0, competing: 0 };
    if (data.cause[i] === 0) c.censor++;
    if (data.cause[i] === 2) c.competing++;
    tally.set(key, c);
  });
  const gray =
    grouped && new Set(groups).size > 1
      ? grayTest({ time: data.time, cause: data.cause, group: groups }).find((g) => g.cause === 1)
      : undefined;
  return {
    ...base,
    groups: cif.map((g) => {
      const curve = g.causes.find((c) => c.cause === 1);
      const points = curve ? cifRows(curve) : [];
      return {
        name: g.name === null ? 'All' : String(g.name),
        n: g.n,
        events: points.reduce((s, p) => s + p.nEvent, 0),
        median: null,
        medianLower: null,
        medianUpper: null,
        points: points.map((p) => {
          const c = tally.get(`${g.name === null ? 'All' : String(g.name)}|${p.time}`);
          return {
            time: p.time,
            estimate: p.estimate,
            lower: p.lower,
            upper: p.upper,
            nRisk: p.nRisk,
            nEvent: p.nEvent,
            nCensor: c?.censor ?? 0,
            nCompeting: c?.competing ?? 0,
          };
        }),
        atRisk: curve ? numbersAtRisk(curve, AT_RISK_DAYS) : [],
      };
    }),
    test: gray ? { name: 'gray' as const, stat: gray.stat, df: gray.df, p: gray.p } : null,
  };
}
