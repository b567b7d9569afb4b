// Cumulative CD34+ dose of an apheresis collection against its targets, so staff know whether another day is
// needed. Default targets: Duong HK et al. (ASBMT), Biol Blood Marrow Transplant 2014;20:1262: autologous minimum 2, usual
// target 4–5 ×10^6/kg (≥4–5 in total when a tandem or second transplant is planned); allogeneic minimum 2
// collected, optimal 4, maximum 8 ×10^6/kg. Targets are per collection and may be changed by the centre.

/** Targets in CD34+ ×10^6/kg of the recipient; `maximum` null when there is none (autologous). */
export interface ApheresisTargets {
  minimum: number;
  target: number;
  maximum: number | null;
}

export type ApheresisStatus = 'below minimum' | 'minimum reached' | 'target reached' | 'above maximum';

/** The §6.1 defaults: autologous (single or tandem) or allogeneic donor collections. */
export function defaultApheresisTargets(
  origin: 'autologous' | 'allogeneic',
  opts: { tandem?: boolean } = {}
): ApheresisTargets {
  if (origin === 'allogeneic') return { minimum: 2, target: 4, maximum: 8 };
  // Tandem/second transplant: enough for two infusions, i.e. at least 2 ×10^6/kg each, ideally 4–5 each.
  return opts.tandem ? { minimum: 4, target: 8, maximum: null } : { minimum: 2, target: 4, maximum: null };
}

export interface ApheresisDayInput {
  date: string;
  /** Absolute CD34+ cells collected that day (e.g. 2.1e8); null when not counted yet. */
  cd34Cells: number | null;
}

export interface ApheresisDayProgress {
  date: string;
  cd34Cells: number | null;
  /** That day's CD34+ ×10^6/kg. */
  cd34PerKg: number | null;
  /** Running total CD34+ ×10^6/kg up to and including that day. */
  cumulativePerKg: number;
  status: ApheresisStatus;
}

export interface ApheresisProgress {
  recipientWeightKg: number;
  targets: ApheresisTargets;
  days: ApheresisDayProgress[];
  cumulativePerKg: number;
  remainingToMinimum: number;
  remainingToTarget: number;
  status: ApheresisStatus;
  /** True while the target is not reached (another apheresis day would be needed to reach it). */
  anotherDayNeeded: boolean;
  /** A sentence for the screen. */
  message: string;
}

/** ×10^6/kg values are shown to 2 decimals; comparisons use the same rounding so 3.999999 reads as 4. */
const round2 = (x: number): number => Math.round(x * 100) / 100;

export function apheresisStatus(cumulativePerKg: number, t: ApheresisTargets): ApheresisStatus {
  const v = round2(cumulativePerKg);
  if (t.maximum != null && v > t.maximum) return 'above maximum';
  if (v >= t.target) return 'target reached';
  if (v >= t.minimum) return 'minimum reached';
  return 'below minimum';
}

export function apheresisProgress(input: {
  recipientWeightKg: number;
  targets: ApheresisTargets;
  days: readonly ApheresisDayInput[];
}): ApheresisProgress {
  const { recipientWeightKg: w, targets } = input;
  if (!(w > 0) || !Number.isFinite(w)) throw new RangeError('the recipient weight must be above 0 kg');
  // A day's CD34+ count is a number of cells: never negative, NaN or infinite (no per-kg value outside that domain).
  const bad = input.days.find((d) => d.cd34Cells != null && !(Number.isFinite(d.cd34Cells) && d.cd34Cells >= 0));
  if (bad) throw new RangeError(`the CD34+ count of ${bad.date} must be a number of cells of at least 0`);
  if (
    !(targets.minimum >= 0) ||
    targets.target < targets.minimum ||
    (targets.maximum != null && targets.maximum < targets.target)
  ) {
    throw new RangeError('targets must satisfy 0 ≤ minimum ≤ target ≤ maximum');
  }
  let total = 0;
  const days = [...input.days]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((d): ApheresisDayProgress => {
      const perKg = d.cd34Cells == null ? null : d.cd34Cells / w / 1e6;
      total += perKg ?? 0;
      return {
        date: d.date,
        cd34Cells: d.cd34Cells,
        cd34PerKg: perKg == null ? null : round2(perKg),
        cumulativePerKg: round2(total),
        status: apheresisStatus(total, targets),
      };
    });
  const cumulative = round2(total);
  const status = apheresisStatus(total, targets);
  const remainingToTarget = round2(Math.max(0, targets.target - cumulative));
  const remainingToMinimum = round2(Math.max(0, targets.minimum - cumulative));
  const fmt = (x: number) => x.toFixed(2);
  const message =
    status === 'below minimum'
      ? `${fmt(cumulative)} ×10⁶ CD34+/kg: below the minimum of ${targets.minimum}; another day is needed (${fmt(remainingToMinimum)} to the minimum, ${fmt(remainingToTarget)} to the target)`
      : status === 'minimum reached'
        ? `${fmt(cumulative)} ×10⁶ CD34+/kg: minimum reached; another day is needed to reach the target of ${targets.target} (${fmt(remainingToTarget)} to go)`
        : status === 'target reached'
          ? `${fmt(cumulative)} ×10⁶ CD34+/kg: target of ${targets.target} reached; no further day needed`
          : `${fmt(cumulative)} ×10⁶ CD34+/kg: above the maximum of ${targets.maximum} for infusion; infuse part of the product`;
  return {
    recipientWeightKg: w,
    targets,
    days,
    cumulativePerKg: cumulative,
    remainingToMinimum,
    remainingToTarget,
    status,
    anotherDayNeeded: status === 'below minimum' || status === 'minimum reached',
    message,
  };
}
