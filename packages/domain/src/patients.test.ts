import { describe, expect, it } from 'vitest';
import { PatientCreateSchema, patientFindings } from './patients';

const base = { mrn: 'P-1', familyName: 'Test', givenName: 'Ann', dateOfBirth: '1984-03-09', sex: 'female' };
const err = (extra: object, path: string) => {
  const r = PatientCreateSchema.safeParse({ ...base, ...extra });
  return r.success ? null : (r.error.issues.find((i) => i.path.join('.') === path)?.message ?? null);
};

describe('patient record: date of birth, weight and height', () => {
  it('refuses a date of birth in 1800 and one over 120 years ago', () => {
    expect(err({ dateOfBirth: '1800-01-01' }, 'dateOfBirth')).toMatch(/before 1900/);
    expect(err({ dateOfBirth: '1901-06-01' }, 'dateOfBirth')).toMatch(/age over 120/);
    expect(err({ dateOfBirth: '9999-01-01' }, 'dateOfBirth')).toMatch(/in the future/);
  });
  it('weight: possible 0.3–400 kg, refused outside naming weight and unit', () => {
    expect(err({ weightKg: 0.29 }, 'weightKg')).toBe('weight must be at least 0.3 kg');
    expect(err({ weightKg: -5 }, 'weightKg')).toBe('weight must be at least 0.3 kg');
    expect(err({ weightKg: 400.1 }, 'weightKg')).toBe('weight must be at most 400 kg');
    expect(err({ weightKg: 'abc' }, 'weightKg')).toBe('weight must be a number (kg)');
    expect(err({ weightKg: 0.3, heightCm: 20 }, 'weightKg')).toBeNull();
  });
  it('height: possible 20–250 cm', () => {
    expect(err({ heightCm: 19.9 }, 'heightCm')).toBe('height must be at least 20 cm');
    expect(err({ heightCm: 250.1 }, 'heightCm')).toBe('height must be at most 250 cm');
  });
  it('plausible 2–200 kg and 45–220 cm; outside needs confirmation (infants included)', () => {
    expect(patientFindings({ weightKg: 2, heightCm: 45 })).toEqual([]);
    expect(patientFindings({ weightKg: 200, heightCm: 220 })).toEqual([]);
    expect(patientFindings({ weightKg: 1.9, heightCm: 44 }).map((f) => f.field)).toEqual(['weightKg', 'heightCm']);
    expect(patientFindings({ weightKg: 201, heightCm: 221 }).map((f) => f.field)).toEqual(['weightKg', 'heightCm']);
    expect(patientFindings({ weightKg: null })).toEqual([]);
  });
});
