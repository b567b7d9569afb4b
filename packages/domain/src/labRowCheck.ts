import { isCalendarDate } from '@engraft/clinical';
import { EARLIEST_RECORDED_DATE, latestRecordedDate, todayIso } from './dates';
import {
  ANALYTES,
  CHIMERISM_LINEAGES,
  type ObservationCreate,
  type TransfusionCreate,
  TRANSFUSION_PRODUCTS,
} from './labs';

/**
 * A check of one CSV row that accepts only what `ObservationCreateSchema` / `TransfusionCreateSchema` accept, with
 * the same parsed values, without zod (issue 14: zod's object parse per row was ~200 ms of a 32,000-row import).
 * It answers "valid, here is the value" or `undefined` ("ask zod"): a row it does not accept is parsed by zod,
 * which decides and writes the messages, so refused rows read exactly as before. `labRowCheck.test.ts` pins the
 * equivalence on generated rows (every kind of invalid, boundary values, odd numbers).
 */
export interface RowChecker {
  observation(
    analyte: string,
    observedOn: string,
    value: number | undefined,
    unit: string,
    lineage: string | null
  ): ObservationCreate | undefined;
  transfusion(product: TransfusionCreate['product'], givenOn: string): TransfusionCreate | undefined;
}

const LINEAGES = new Set<string>(CHIMERISM_LINEAGES);
const PRODUCTS = new Set<string>(TRANSFUSION_PRODUCTS);

/**
 * A checker for one batch of rows. "Today" is read once per checker (zod reads it per row); a batch is 100 rows,
 * so a batch that straddles midnight UTC is checked against the day it started on, one day of clock skew allowed
 * either way (CLOCK_SKEW_DAYS).
 */
export function rowChecker(today: string = todayIso()): RowChecker {
  const latest = latestRecordedDate(today);
  // Dates repeat (several results a day): remember the verdict of each date seen in this batch.
  const dates = new Map<string, boolean>();
  const pastDate = (d: string): boolean => {
    let ok = dates.get(d);
    if (ok === undefined) {
      // pastOrTodayDate: a real calendar date (IsoDateSchema), from EARLIEST_RECORDED_DATE to today + the skew.
      ok = isCalendarDate(d) && d >= EARLIEST_RECORDED_DATE && d <= latest;
      dates.set(d, ok);
    }
    return ok;
  };
  return {
    observation(analyte, observedOn, value, unit, lineage) {
      if (!Object.hasOwn(ANALYTES, analyte)) return undefined;
      const def = ANALYTES[analyte as keyof typeof ANALYTES];
      // z.number(): finite numbers only; unit: trimmed, at least one character, one of the analyte's units.
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      const u = unit.trim();
      if (u.length === 0 || !Object.hasOwn(def.units, u)) return undefined;
      const factor = (def.units as Record<string, number>)[u]!;
      // checkValue: not negative, not above the possible maximum in the canonical unit.
      if (!(value >= 0) || value * factor > def.max) return undefined;
      // Chimerism needs a lineage; other analytes must have none.
      if (analyte === 'chimerism' ? lineage === null || !LINEAGES.has(lineage) : lineage !== null) return undefined;
      if (!pastDate(observedOn)) return undefined;
      return {
        analyte: analyte as ObservationCreate['analyte'],
        observedOn,
        value,
        unit: u,
        lineage: lineage as ObservationCreate['lineage'],
      };
    },
    transfusion(product, givenOn) {
      if (!PRODUCTS.has(product) || !pastDate(givenOn)) return undefined;
      return { product, givenOn };
    },
  };
}
