import { describe, expect, it } from 'vitest';
import { formatPatientName, looksLikeSamePerson, normaliseName, PersonNameSchema } from './names';

describe('normaliseName', () => {
  it('makes look-alike names equal: zero-width, bidi controls, full-width letters, odd spaces', () => {
    for (const lookalike of [
      'Ro\u200Bwan',
      '\u202ERowan',
      'Rowan\u200F',
      '\u2066Rowan\u2069',
      'Ｒｏｗａｎ',
      ' Rowan\u00A0',
      'Ro\u00ADwan',
      '\uFEFFRowan',
      'Row\u2060an',
    ]) {
      expect(normaliseName(lookalike), JSON.stringify(lookalike)).toBe('Rowan');
    }
    expect(normaliseName('van  der\tBerg')).toBe('van der Berg');
  });

  it('keeps real letters, accents (composed) and scripts', () => {
    expect(normaliseName('Zoë')).toBe('Zoë');
    expect(normaliseName('Zoe\u0308')).toBe('Zoë');
    expect(normaliseName('O’Brien-Ng')).toBe('O’Brien-Ng');
    expect(normaliseName('محمد')).toBe('محمد');
  });
});

describe('PersonNameSchema', () => {
  it('stores the normalised name and refuses one that is only invisible characters', () => {
    expect(PersonNameSchema.parse('\u200BRowan\u200D')).toBe('Rowan');
    const r = PersonNameSchema.safeParse('\u200B\u202E');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('required');
    expect(PersonNameSchema.safeParse('x'.repeat(100)).success).toBe(true);
    expect(PersonNameSchema.safeParse('x'.repeat(101)).success).toBe(false);
  });
});

describe('looksLikeSamePerson (near-duplicate registrations, issue 14)', () => {
  const rowan = { familyName: 'Rowan', givenName: 'River', dateOfBirth: '1980-01-01' };
  it('folds accents, case and invisible characters, and matches an initial', () => {
    expect(looksLikeSamePerson(rowan, { ...rowan, familyName: 'ROWAN\u200B' })).toBe(true);
    expect(looksLikeSamePerson({ ...rowan, familyName: 'Zoë' }, { ...rowan, familyName: 'zoe' })).toBe(true);
    expect(looksLikeSamePerson(rowan, { ...rowan, givenName: 'R.' })).toBe(true);
  });
  it('another birth date, family name or given name is another person', () => {
    expect(looksLikeSamePerson(rowan, { ...rowan, dateOfBirth: '1980-01-02' })).toBe(false);
    expect(looksLikeSamePerson(rowan, { ...rowan, familyName: 'Rowen' })).toBe(false);
    expect(looksLikeSamePerson(rowan, { ...rowan, givenName: 'Robin' })).toBe(false);
  });
});

describe('formatPatientName', () => {
  it('writes FAMILY, Given: family name in capitals, given name as recorded', () => {
    expect(formatPatientName({ familyName: 'Rowan', givenName: 'Iris' })).toBe('ROWAN, Iris');
    expect(formatPatientName({ familyName: 'van der Berg', givenName: 'Anne-Marie' })).toBe('VAN DER BERG, Anne-Marie');
    expect(formatPatientName({ familyName: 'O’Brien-Ng', givenName: 'zoë' })).toBe('O’BRIEN-NG, zoë');
  });

  it('capitalises independently of the locale and keeps scripts without case', () => {
    expect(formatPatientName({ familyName: 'Straße', givenName: 'Jürgen' })).toBe('STRASSE, Jürgen');
    expect(formatPatientName({ familyName: 'İnce', givenName: 'Ayşe' })).toBe('İNCE, Ayşe');
    expect(formatPatientName({ familyName: 'محمد', givenName: 'علي' })).toBe('محمد, علي');
  });

  it('drops invisible and bidirectional characters and collapses spaces in both parts', () => {
    expect(formatPatientName({ familyName: '\u202ERo\u200Bwan ', givenName: ' Iris\u00A0 Mae' })).toBe(
      'ROWAN, Iris Mae'
    );
  });

  it('shows the family name alone when there is no given name', () => {
    expect(formatPatientName({ familyName: 'Rowan', givenName: '' })).toBe('ROWAN');
    expect(formatPatientName({ familyName: 'Rowan', givenName: '\u200B ' })).toBe('ROWAN');
  });
});
