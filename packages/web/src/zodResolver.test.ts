import { DiagnosisCreateSchema, PatientCreateSchema } from '@engraft/domain';
import { describe, expect, it } from 'vitest';
import { zodResolver } from './zodResolver';

describe('zodResolver', () => {
  const schema = PatientCreateSchema.pick({ mrn: true, sex: true }).extend({
    diagnosis: DiagnosisCreateSchema.pick({ disease: true }),
  });
  const validate = zodResolver<{ mrn: string; sex: string; disease: string }>(schema, (v) => ({
    mrn: v.mrn,
    sex: v.sex || undefined,
    diagnosis: { disease: v.disease || undefined },
  }));

  it('gives one sentence per field, keyed by the form path (nested with dots)', () => {
    expect(validate({ mrn: '', sex: '', disease: '' })).toEqual({
      mrn: 'MRN is required',
      sex: 'Required',
      'diagnosis.disease': 'Required',
    });
  });

  it('returns no errors for valid values', () => {
    expect(validate({ mrn: 'ABC-1', sex: 'female', disease: 'AML' })).toEqual({});
  });
});
