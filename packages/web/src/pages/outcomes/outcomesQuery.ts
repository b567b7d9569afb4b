// The outcomes page's choices live in the address (so a figure can be bookmarked): reading them, the API query
// string they make, and the words that describe the cohort under the figure.
import { DONOR_TYPES, type DonorType } from '@engraft/domain';
import { ENDPOINT_NAMES, type EndpointName, GROUP_BY_LABELS, type GroupBy } from '../../components/outcomes/curves';
import { diseaseLabel, episodeTypeLabel, formatDate } from '../../format';

export interface Query {
  endpoint: EndpointName;
  groupBy: GroupBy;
  disease: string;
  episodeType: string;
  donorType: string;
  from: string;
  to: string;
}

export const DONOR_TYPE_OPTIONS = Object.entries(DONOR_TYPES).map(([value, label]) => ({ value, label }));
export const donorTypeLabel = (t: string): string => DONOR_TYPES[t as DonorType] ?? t;
export const isEndpoint = (v: string | null): v is EndpointName =>
  v != null && (ENDPOINT_NAMES as string[]).includes(v);
export const isGroupBy = (v: string | null): v is GroupBy => v != null && v in GROUP_BY_LABELS;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readQuery(params: URLSearchParams): Query {
  const endpoint = params.get('endpoint');
  const groupBy = params.get('groupBy');
  const date = (k: string) => {
    const v = params.get(k) ?? '';
    return ISO_DATE.test(v) ? v : '';
  };
  return {
    endpoint: isEndpoint(endpoint) ? endpoint : 'OS',
    groupBy: isGroupBy(groupBy) ? groupBy : 'none',
    disease: params.get('disease') ?? '',
    episodeType: params.get('episodeType') ?? '',
    donorType: params.get('donorType') ?? '',
    from: date('from'),
    to: date('to'),
  };
}

/** The API query string (defaults left out). */
export function apiSearch(q: Query): string {
  const s = new URLSearchParams({ endpoint: q.endpoint, groupBy: q.groupBy });
  if (q.disease) s.set('disease', q.disease);
  if (q.episodeType) s.set('episodeType', q.episodeType);
  if (q.donorType) s.set('donorType', q.donorType);
  if (q.from) s.set('from', q.from);
  if (q.to) s.set('to', q.to);
  return s.toString();
}

/** The active filters in words ("Acute myeloid leukemia, day 0 from 1 Jan 2024"), '' when none. */
export function filterText(q: Query): string {
  const parts: string[] = [];
  if (q.disease) parts.push(diseaseLabel(q.disease));
  if (q.episodeType) parts.push(episodeTypeLabel(q.episodeType));
  if (q.donorType) parts.push(donorTypeLabel(q.donorType));
  if (q.from && q.to) parts.push(`day 0 from ${formatDate(q.from)} to ${formatDate(q.to)}`);
  else if (q.from) parts.push(`day 0 from ${formatDate(q.from)}`);
  else if (q.to) parts.push(`day 0 up to ${formatDate(q.to)}`);
  return parts.join(', ');
}

/** "39 infused episodes · Acute myeloid leukemia · day 0 from 1 Jan 2024 · by episode type" */
export function cohortText(q: Query, n: number): string {
  const parts = [`${n} infused episode${n === 1 ? '' : 's'}`];
  parts.push(q.disease ? diseaseLabel(q.disease) : 'all diseases');
  parts.push(q.episodeType ? episodeTypeLabel(q.episodeType) : 'all episode types');
  if (q.donorType) parts.push(donorTypeLabel(q.donorType));
  if (q.from && q.to) parts.push(`day 0 ${formatDate(q.from)} to ${formatDate(q.to)}`);
  else if (q.from) parts.push(`day 0 from ${formatDate(q.from)}`);
  else if (q.to) parts.push(`day 0 up to ${formatDate(q.to)}`);
  if (q.groupBy !== 'none') parts.push(`by ${GROUP_BY_LABELS[q.groupBy].toLowerCase()}`);
  return parts.join(' · ');
}
