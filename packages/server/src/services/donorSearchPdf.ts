import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import type { DonorSearchExport } from './donorSearchExport';

// The donor search export as PDF (issue 16 §3), A4 landscape: the search (release, criteria, frequency set),
// then one line per stored hit with P(10/10), P(≥ 9/10), P(8/8) and the per-locus probabilities.

const W = 842;
const H = 595;
const M = 36;
const ROW = 13;

/** pdf-lib's standard fonts speak WinAnsi only: anything else becomes '?'. */
function safe(font: PDFFont, text: string): string {
  return [...text]
    .map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        return '?';
      }
    })
    .join('');
}

const pct = (p: number | null | undefined): string =>
  p === null || p === undefined ? '–' : `${(p * 100).toFixed(1)}%`;

export async function renderDonorSearchPdf(e: DonorSearchExport, centreName: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Donor search ${e.search.id}`);
  doc.setCreator('Engraft');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const c = e.search.criteria;
  const head = [
    `${centreName} - donor search of ${e.search.createdAt.slice(0, 10)} by ${e.search.createdBy ?? 'unknown'}`,
    `Patient typing: ${e.search.patientTyping}`,
    `IPD-IMGT/HLA ${e.search.release}; ${c.loci} loci, at most ${c.maxMismatches} mismatches; ranked by ${c.rankBy ?? 'grades'}${c.frequencySet ? ` with haplotype frequency set ${c.frequencySet}` : ''}; ${e.hits.length} of ${e.search.total} hits`,
  ];
  const columns: [string, number][] = [
    ['#', 24],
    ['Donor', 90],
    ['Registry', 60],
    ['MM', 26],
    ['Pot.', 26],
    ['P(10/10)', 52],
    ['P(>=9/10)', 56],
    ['P(8/8)', 46],
    ['A', 40],
    ['B', 40],
    ['C', 40],
    ['DRB1', 40],
    ['DQB1', 40],
    ['DPB1 TCE', 90],
    ['Age/sex', 50],
  ];
  let page = doc.addPage([W, H]);
  let y = H - M;
  const line = (cells: string[], f: PDFFont) => {
    let x = M;
    cells.forEach((text, i) => {
      page.drawText(safe(f, text), {
        x,
        y,
        size: 8,
        font: f,
        color: rgb(0, 0, 0),
        maxWidth: (columns[i]?.[1] ?? 40) - 2,
      });
      x += columns[i]?.[1] ?? 40;
    });
    y -= ROW;
  };
  for (const h of head) {
    page.drawText(safe(font, h), { x: M, y, size: 9, font: h === head[0] ? bold : font, maxWidth: W - 2 * M });
    y -= ROW + 2;
  }
  y -= 4;
  line(
    columns.map(([t]) => t),
    bold
  );
  for (const hit of e.hits) {
    if (y < M) {
      page = doc.addPage([W, H]);
      y = H - M;
      line(
        columns.map(([t]) => t),
        bold
      );
    }
    const p = hit.probability && 'score' in hit.probability ? hit.probability : undefined;
    line(
      [
        String(hit.rank),
        hit.donorId,
        hit.registry,
        String(hit.mismatches),
        String(hit.potential),
        pct(p?.p10),
        pct(p?.p9plus),
        pct(p?.p8of8),
        ...['A', 'B', 'C', 'DRB1', 'DQB1'].map((l) => pct(p?.loci[l])),
        hit.dpb1,
        `${hit.age ?? '?'} ${hit.sex ?? ''}`,
      ],
      font
    );
  }
  return doc.save();
}
