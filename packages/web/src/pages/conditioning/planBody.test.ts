import { describe, expect, it } from 'vitest';
import { overrideError, overrideIncomplete, planBody, type PlanFields, templatesFor } from './planBody';
import type { ConditioningTemplate } from '@engraft/clinical';

const empty: PlanFields = {
  intent: '',
  bsaFormula: '',
  bsaCap: '',
  weightBasis: {},
  overrides: {},
  weightKg: '',
  heightCm: '',
  sex: 'female',
};

describe('planBody', () => {
  it('sends nothing but the template when every field is left as the template and the record', () => {
    expect(planBody('flu-bu4', empty, 'female')).toEqual({ templateId: 'flu-bu4', options: {} });
  });

  it('sends numbers and text exactly as typed, and an override typed as 0 (never dropped)', () => {
    const body = planBody(
      'flu-bu4',
      {
        ...empty,
        bsaCap: 'two',
        weightKg: 71.5,
        heightCm: '170x',
        overrides: { 0: { amount: 0, reason: 'renal' }, 1: { amount: '', reason: '' } },
        intent: 'none',
        sex: 'male',
      },
      'female'
    );
    expect(body).toEqual({
      templateId: 'flu-bu4',
      options: {
        declaredIntent: null,
        bsaCapM2: 'two',
        overrides: [{ agentIndex: 0, amountPerAdministration: 0, reason: 'renal' }],
      },
      weightKg: 71.5,
      heightCm: '170x',
      sex: 'male',
    });
  });

  it("maps the server's override errors back to the agent by position among those sent", () => {
    const overrides = { 0: { amount: '', reason: '' }, 2: { amount: 5, reason: 'x' } };
    const errors = { 'options.overrides.0.reason': 'give a reason' };
    expect(overrideError(overrides, errors, 2)).toBe('give a reason');
    expect(overrideError(overrides, errors, 0)).toBeUndefined();
    expect(overrideIncomplete(overrides)).toBe(true);
    expect(overrideIncomplete({ 2: { amount: 5, reason: 'renal' } })).toBe(false);
  });

  it('offers conditioning to HCT and lymphodepletion to CAR-T', () => {
    const t = (id: string, kind: 'conditioning' | 'lymphodepletion') => ({ id, kind }) as ConditioningTemplate;
    const all = [t('bucy2', 'conditioning'), t('flu-cy', 'lymphodepletion')];
    expect(templatesFor(all, 'car-t').map((x) => x.id)).toEqual(['flu-cy']);
    expect(templatesFor(all, 'allogeneic-hct').map((x) => x.id)).toEqual(['bucy2']);
  });
});
