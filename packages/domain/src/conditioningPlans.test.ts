import { describe, expect, it } from 'vitest';
import { ConditioningPlanChangeSchema, conditioningPlanTransitionError, verifierError } from './conditioningPlans';

describe('conditioning plan status machine', () => {
  it('allows draft → active → superseded/cancelled and nothing out of a final state', () => {
    expect(conditioningPlanTransitionError('draft', 'active')).toBeNull();
    expect(conditioningPlanTransitionError('active', 'superseded')).toBeNull();
    expect(conditioningPlanTransitionError('draft', 'cancelled')).toBeNull();
    expect(conditioningPlanTransitionError('active', 'active')).toMatch(/already verified/);
    expect(conditioningPlanTransitionError('superseded', 'active')).toMatch(/superseded/);
    expect(conditioningPlanTransitionError('cancelled', 'active')).toMatch(/cancelled/);
    expect(conditioningPlanTransitionError('active', 'draft')).toMatch(/cannot become awaiting verification/);
  });
  it('needs a second user to verify', () => {
    expect(verifierError('u1', 'u1')).toMatch(/second user/);
    expect(verifierError('u1', 'u2')).toBeNull();
    expect(verifierError('u1', null)).toMatch(/identified/);
  });
  it('needs a reason for a change', () => {
    expect(ConditioningPlanChangeSchema.safeParse({ templateId: 'mel200' }).success).toBe(false);
    expect(ConditioningPlanChangeSchema.safeParse({ templateId: 'mel200', reason: '  ' }).success).toBe(false);
    expect(ConditioningPlanChangeSchema.safeParse({ templateId: 'mel200', reason: 'weight today 68 kg' }).success).toBe(
      true
    );
  });
});
