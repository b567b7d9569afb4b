// The calculators' requests (ADR 0021): the server's clinical rules, answered by their output schemas. Nothing
// is stored, so nothing is refreshed after a calculation.
import {
  AgvhdOutputSchema,
  CrsOutputSchema,
  IcansOutputSchema,
  type IcansInput,
  IceOutputSchema,
  type AgvhdInput,
  type CrsInput,
  type IceInput,
} from '@engraft/clinical';
import { apiSend } from '../../api';
import { useSubmit } from '../../data/useSubmit';

/** CRS and ICE together, then ICANS with the ICE score (ASTCT 2019: ICANS is graded from the ICE score). */
export function useGradeCrsIcans(onFieldErrors: (errors: Record<string, string>) => void) {
  return useSubmit({
    send: async (v: { crs: CrsInput; ice: IceInput | null; icans: Omit<IcansInput, 'ice'> }) => {
      const [crs, ice] = await Promise.all([
        apiSend('POST', '/clinical/crs', { input: v.crs }, CrsOutputSchema),
        v.ice ? apiSend('POST', '/clinical/ice', { input: v.ice }, IceOutputSchema) : Promise.resolve(null),
      ]);
      const icans = await apiSend(
        'POST',
        '/clinical/icans',
        { input: { ...v.icans, ice: ice?.score ?? null } },
        IcansOutputSchema
      );
      return { crs, ice, icans };
    },
    onFieldErrors: (e) => onFieldErrors(withoutInputPrefix(e)),
  });
}

export function useGradeAgvhd(onFieldErrors: (errors: Record<string, string>) => void) {
  return useSubmit({
    send: (input: AgvhdInput) => apiSend('POST', '/clinical/agvhd', { input }, AgvhdOutputSchema),
    onFieldErrors: (e) => onFieldErrors(withoutInputPrefix(e)),
  });
}

/** The server names fields under `input.`; the form's fields are named without it. */
const withoutInputPrefix = (errors: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([k, m]) => [k.replace(/^input\./, ''), m]));
