import type { DonorHitSummary, DonorSearchSummary } from '@engraft/domain';
import type { Database } from '../db/database';
import { appendAudit } from '../repo/auditLog';
import * as repo from '../repo/donorSearches';
import { publicSearch, requireSearch, STORED_HITS } from './donorSearches';
import type { CentreActor } from './patients';

// Export of a saved donor search for the donor request (issue 16 §3): the stored hits as they were ranked, with
// their probabilities, as CSV or PDF. Audited as an export of the patient's record.

export type ExportFormat = 'csv' | 'pdf';

export interface DonorSearchExport {
  readonly search: DonorSearchSummary;
  readonly hits: readonly DonorHitSummary[];
}

/** Reads the search and its stored hits and records the export in the audit trail (one transaction). */
export async function exportDonorSearch(
  db: Database,
  actor: CentreActor,
  searchId: string,
  format: ExportFormat
): Promise<DonorSearchExport> {
  return db.transaction(async (tx) => {
    const { search, patient } = await requireSearch(tx, actor, searchId);
    const { hits } = await repo.donorSearchResults(tx, searchId, 0, STORED_HITS);
    await appendAudit(tx, actor, {
      action: 'export',
      entityType: 'donor-search',
      entityId: searchId,
      patientId: patient.id,
      after: { format, hits: hits.length },
    });
    return { search: publicSearch(search), hits: hits as DonorHitSummary[] };
  });
}

const pct = (p: number | null | undefined): string => (p === null || p === undefined ? '' : (p * 100).toFixed(1));

/** A CSV cell: quoted when needed; a leading = + - @ is prefixed with ' so a spreadsheet never runs it. */
function cell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_LOCI = ['A', 'B', 'C', 'DRB1', 'DQB1', 'DPB1'] as const;

/** The rows of the export (also the PDF's table), probabilities in percent. */
export function exportRows(e: DonorSearchExport): string[][] {
  const header = [
    'rank',
    'donor_id',
    'registry',
    'kind',
    'mismatches',
    'potential',
    'p_10_of_10_pct',
    'p_9plus_of_10_pct',
    'p_8_of_8_pct',
    ...CSV_LOCI.slice(0, 5).map((l) => `p_${l}_match_pct`),
    ...CSV_LOCI.map((l) => `typing_${l}`),
    'dpb1_tce',
    'age',
    'sex',
    'abo',
    'cmv',
    'frequency_set',
    'probability_note',
  ];
  const rows = e.hits.map((h) => {
    const p = h.probability && 'score' in h.probability ? h.probability : undefined;
    const note = h.probability && 'error' in h.probability ? h.probability.error : '';
    const typing = (l: string) => h.loci.find((x) => x.locus === l)?.donorTyping ?? '';
    return [
      String(h.rank),
      h.donorId,
      h.registry,
      h.kind,
      String(h.mismatches),
      String(h.potential),
      pct(p?.p10),
      pct(p?.p9plus),
      pct(p?.p8of8),
      ...CSV_LOCI.slice(0, 5).map((l) => pct(p?.loci[l])),
      ...CSV_LOCI.map(typing),
      h.dpb1,
      h.age === null ? '' : String(h.age),
      h.sex ?? '',
      h.abo ? `${h.abo}${h.rh ?? ''}` : '',
      h.cmv ?? '',
      h.probability?.frequencySet ?? '',
      note,
    ];
  });
  return [header, ...rows];
}

/** CSV (RFC 4180, CRLF): one header line, one line per stored hit in rank order. */
export function donorSearchCsv(e: DonorSearchExport): string {
  return (
    exportRows(e)
      .map((r) => r.map(cell).join(','))
      .join('\r\n') + '\r\n'
  );
}
