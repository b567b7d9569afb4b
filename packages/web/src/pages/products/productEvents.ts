// A product event's details in words, for the history table ("Plasma depletion · TNC 4.00 ×10¹⁰ · confirmed
// tncCells: recounted twice").
import { PROCESSING_STEPS, type ProductDetail, QC_TESTS } from '@engraft/domain';
import { countsText, dateTime, storageLabel } from '../../components/products/productApi';

export type ProductEvent = ProductDetail['events'][number];

/** A detail value as text (details are JSON: strings, numbers, or nothing). */
export const txt = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');

/** The QC test's name ("Sterility culture") from an event's details. */
export const qcTestLabel = (test: unknown): string => QC_TESTS[test as keyof typeof QC_TESTS] ?? txt(test);

/** "confirmed: TNC — recounted twice" for counts written with a confirmation. */
function confirmedText(d: Record<string, unknown>): string {
  const c = d.confirmed;
  if (!c || typeof c !== 'object') return '';
  return Object.entries(c as Record<string, unknown>)
    .map(([k, reason]) => `confirmed ${k}: ${txt(reason)}`)
    .join(' · ');
}

export function describe(e: ProductEvent): string {
  const text = describeEvent(e);
  const confirmed = confirmedText(e.details);
  return [text, confirmed].filter(Boolean).join(' · ');
}

function describeEvent(e: ProductEvent): string {
  const d = e.details;
  const loc = (x: unknown) => (x && typeof x === 'object' ? storageLabel(x as never) : '—');
  switch (e.kind) {
    case 'processed':
    case 'cryopreserved':
      return [
        PROCESSING_STEPS[d.step as keyof typeof PROCESSING_STEPS] ?? txt(d.step),
        countsText(d.counts),
        d.storage ? `→ ${loc(d.storage)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'stored':
    case 'storage-move':
      return `${d.from ? `${loc(d.from)} → ` : ''}${loc(d.to)}`;
    case 'qc':
      return `${qcTestLabel(d.test)}: ${[d.outcome, d.value != null ? `${txt(d.value)}${d.unit ? ` ${txt(d.unit)}` : ''}` : null, d.organism].filter(Boolean).join(' · ')}`;
    case 'release-exception':
    case 'discard-requested':
    case 'discard-cancelled':
    case 'discarded':
      return txt(d.reason ?? '');
    case 'released':
      return `first signature: ${txt(d.requestedBy ?? '—')}${d.exception ? ' · exceptional release (positive culture)' : ''}`;
    case 'thawed':
      return [`at ${dateTime(txt(d.thawedAt) || e.performedAt)}`, countsText(d.counts)].filter(Boolean).join(' · ');
    case 'shipped':
      return `to ${txt(d.destination ?? '')}`;
    case 'received':
      return `${txt(d.condition ?? '')}${d.from ? ` from ${txt(d.from)}` : ''}`;
    case 'registered':
      return `${txt(d.productCode ?? '')} ${txt(d.collectionType ?? '')} ${txt(d.division ?? '')}`;
    default:
      return typeof d.note === 'string' ? d.note : '';
  }
}
