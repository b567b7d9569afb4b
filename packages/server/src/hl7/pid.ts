import { type PatientCreate, PatientCreateSchema, type SEXES } from '@engraft/domain';
import type { Hl7Message, Hl7Segment } from '@medplum/core';
import type { Hl7Problem } from './ack';
import { dateOfTimestamp, repetitions, value } from './message';

/**
 * The MRN among the PID-3 identifiers (CX, repeating; HL7 v2.5.1 Chapter 3, section 3.4.2.3): the repetition whose
 * assigning authority (CX-4, namespace or universal id) is the configured one and whose type (CX-5) is MR or empty.
 * Without a configured authority, the first repetition of type MR. Never a bare number of another authority:
 * matching the wrong identifier would file results in another patient's chart.
 */
export function mrnOf(m: Hl7Message, pid: Hl7Segment | undefined, authority: string | undefined): string | null {
  const n = repetitions(pid, 3);
  for (let r = 0; r < n; r++) {
    const id = value(m, pid, 3, 1, r);
    const type = value(m, pid, 3, 5, r);
    if (!id || (type && type !== 'MR')) continue;
    if (!authority) {
      if (type === 'MR') return id;
      continue;
    }
    const namespace = value(m, pid, 3, 4, r, 1);
    const universal = value(m, pid, 3, 4, r, 2);
    if (namespace === authority || universal === authority) return id;
  }
  return null;
}

/** PID-8 administrative sex (HL7 v2.5.1 table 0001): F, M, O other, U unknown, A ambiguous, N not applicable. */
const SEX: Record<string, (typeof SEXES)[number]> = {
  F: 'female',
  M: 'male',
  O: 'other',
  A: 'other',
  N: 'other',
  U: 'unknown',
};

export type Demographics = Pick<PatientCreate, 'mrn' | 'familyName' | 'givenName' | 'dateOfBirth' | 'sex'>;

/**
 * The patient's MRN, legal name (the PID-5 repetition of name type L, else the first: XPN family^given), date of
 * birth (PID-7) and sex (PID-8), validated and normalised as a registration typed in the web form is
 * (PatientCreateSchema: names NFKC without invisible characters, MRN pattern, date of birth rules).
 */
export function demographicsOf(
  m: Hl7Message,
  pid: Hl7Segment | undefined,
  authority: string | undefined
): { ok: true; demographics: Demographics } | { ok: false; problems: Hl7Problem[] } {
  const at = (field: number) => ({ segment: 'PID', sequence: 1, field });
  const mrn = mrnOf(m, pid, authority);
  if (!pid || !mrn) {
    return {
      ok: false,
      problems: [
        {
          ...at(3),
          code: 204,
          severity: 'E',
          message: `PID-3 has no MRN${authority ? ` of assigning authority ${authority}` : ' (identifier type MR)'}`,
        },
      ],
    };
  }
  let rep = 0;
  for (let r = 0; r < repetitions(pid, 5); r++) if (value(m, pid, 5, 7, r) === 'L') rep = r;
  const sexCode = value(m, pid, 8);
  const input = {
    mrn,
    familyName: value(m, pid, 5, 1, rep, 1) || value(m, pid, 5, 1, rep),
    givenName: value(m, pid, 5, 2, rep),
    dateOfBirth: dateOfTimestamp(value(m, pid, 7)) ?? value(m, pid, 7),
    sex: SEX[sexCode] ?? sexCode,
  };
  const parsed = PatientCreateSchema.pick({
    mrn: true,
    familyName: true,
    givenName: true,
    dateOfBirth: true,
    sex: true,
  }).safeParse(input);
  if (parsed.success) return { ok: true, demographics: parsed.data };
  const FIELD: Record<string, number> = { mrn: 3, familyName: 5, givenName: 5, dateOfBirth: 7, sex: 8 };
  return {
    ok: false,
    problems: parsed.error.issues.map((iss) => {
      const path = String(iss.path[0] ?? '');
      return {
        ...at(FIELD[path] ?? 3),
        code: path === 'sex' ? 103 : 102,
        severity: 'E' as const,
        message: `PID ${path}: ${iss.message}`,
      };
    }),
  };
}
