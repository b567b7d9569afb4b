// Option lists for selects, built from the domain label constants.
import { ABO_RH, DISEASE_STATUSES, DISEASES, EPISODE_TYPES, type DiseaseCode } from '@engraft/domain';
import { SEX_LABELS } from './format';

export const SEX_OPTIONS = Object.entries(SEX_LABELS).map(([value, label]) => ({ value, label }));

export const ABO_OPTIONS = ABO_RH.map((v) => ({ value: v, label: v === 'unknown' ? 'Unknown / not typed' : v }));

/** Diseases grouped as the registries group them (Leukemia, Lymphoma, ...). */
export const DISEASE_OPTIONS: { group: string; items: { value: string; label: string }[] }[] = (() => {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const [code, d] of Object.entries(DISEASES) as [DiseaseCode, (typeof DISEASES)[DiseaseCode]][]) {
    const items = groups.get(d.group) ?? [];
    items.push({ value: code, label: d.label });
    groups.set(d.group, items);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
})();

export const STATUS_OPTIONS = Object.entries(DISEASE_STATUSES).map(([value, label]) => ({ value, label }));

export const EPISODE_TYPE_OPTIONS = Object.entries(EPISODE_TYPES).map(([value, label]) => ({ value, label }));

/** '' from an empty number input means "not given". */
export function numberOrNull(v: number | string): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
/** '' from an empty select means "not chosen" (zod then says "required"). */
export function emptyToUndefined<T extends string>(v: T | ''): T | undefined {
  return v === '' ? undefined : v;
}
