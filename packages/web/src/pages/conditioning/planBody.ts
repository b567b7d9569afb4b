// What the plan form sends (POST /conditioning/preview, POST …/conditioning-plans, PUT /conditioning-plans/:id),
// built from what was typed. Numbers are sent as typed: a number, or the text itself (the schema refuses it naming
// the field). Empty means "as the template / the record"; an override typed as 0, -5 or text is sent too, never
// dropped.
import type { ConditioningTemplate, WeightBasis } from '@engraft/clinical';

/** Regimens that fit the episode: HCT is conditioned, CAR-T lymphodepleted (same rule as the server). */
export function templatesFor(all: readonly ConditioningTemplate[], episodeType: string): ConditioningTemplate[] {
  if (episodeType === 'car-t') return all.filter((t) => t.kind === 'lymphodepletion');
  if (episodeType === 'autologous-hct' || episodeType === 'allogeneic-hct') {
    return all.filter((t) => t.kind === 'conditioning');
  }
  return [...all];
}

export interface OverrideRow {
  amount: string | number;
  reason: string;
}

/** The form's protocol parameters, as typed. */
export interface PlanFields {
  intent: string;
  bsaFormula: string;
  bsaCap: string | number;
  weightBasis: Record<string, WeightBasis>;
  overrides: Record<number, OverrideRow>;
  weightKg: string | number;
  heightCm: string | number;
  sex: string;
}

export interface PlanBody {
  templateId: string;
  options: Record<string, unknown>;
  weightKg?: string | number;
  heightCm?: string | number;
  sex?: string;
}

/** The overrides that are sent (a typed amount), in agent order: the server's field paths index this list. */
const sentOverrides = (overrides: Record<number, OverrideRow>) =>
  Object.entries(overrides).filter(([, r]) => r.amount !== '');

export function planBody(templateId: string, f: PlanFields, recordSex: string): PlanBody {
  const options: Record<string, unknown> = {};
  if (f.intent) options.declaredIntent = f.intent === 'none' ? null : f.intent;
  if (f.bsaFormula) options.bsaFormula = f.bsaFormula;
  if (f.bsaCap !== '') options.bsaCapM2 = f.bsaCap;
  if (Object.keys(f.weightBasis).length) options.weightBasis = f.weightBasis;
  const ov = sentOverrides(f.overrides).map(([i, r]) => ({
    agentIndex: Number(i),
    amountPerAdministration: r.amount,
    reason: r.reason,
  }));
  if (ov.length) options.overrides = ov;
  return {
    templateId,
    options,
    ...(f.weightKg === '' ? {} : { weightKg: f.weightKg }),
    ...(f.heightCm === '' ? {} : { heightCm: f.heightCm }),
    ...(f.sex && f.sex !== recordSex ? { sex: f.sex } : {}),
  };
}

/** The server's error for agent i's override (its position among the overrides sent). */
export function overrideError(
  overrides: Record<number, OverrideRow>,
  fieldErrors: Record<string, string>,
  i: number
): string | undefined {
  const pos = sentOverrides(overrides).findIndex(([k]) => Number(k) === i);
  return pos < 0
    ? undefined
    : (fieldErrors[`options.overrides.${pos}.amountPerAdministration`] ??
        fieldErrors[`options.overrides.${pos}.reason`]);
}

/** An override typed without a reason of at least 3 characters. */
export const overrideIncomplete = (overrides: Record<number, OverrideRow>): boolean =>
  Object.values(overrides).some((r) => r.amount !== '' && r.reason.trim().length < 3);
