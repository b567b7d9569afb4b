import { describe, expect, it } from 'vitest';
import { EpisodePhaseChangeSchema, EpisodeReopenSchema, phaseMove } from './episodes';

describe('episode phase state machine', () => {
  const open = { dayZeroRecorded: false };
  const infused = { dayZeroRecorded: true };

  it('moves forward (skipping allowed) without a reason', () => {
    expect(phaseMove('referral', 'work-up', open)).toEqual({ ok: true, kind: 'forward', needsReason: false });
    expect(phaseMove('referral', 'infusion', open)).toMatchObject({ ok: true, kind: 'forward', needsReason: false });
  });

  it('needs a reason to close or to go back', () => {
    expect(phaseMove('long-term-follow-up', 'closed', infused)).toEqual({ ok: true, kind: 'close', needsReason: true });
    expect(phaseMove('referral', 'closed', open)).toMatchObject({ kind: 'close', needsReason: true });
    expect(phaseMove('conditioning', 'work-up', open)).toEqual({ ok: true, kind: 'backward', needsReason: true });
    expect(phaseMove('long-term-follow-up', 'early-follow-up', infused)).toMatchObject({
      kind: 'backward',
      needsReason: true,
    });
  });

  it('refuses the same phase, going back before infusion once day 0 is recorded, and leaving closed without a reopen', () => {
    expect(phaseMove('work-up', 'work-up', open)).toMatchObject({ ok: false, conflict: false });
    expect(phaseMove('early-follow-up', 'conditioning', infused)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/day 0 is recorded/),
    });
    expect(phaseMove('early-follow-up', 'infusion', infused)).toMatchObject({ ok: true, kind: 'backward' });
    expect(phaseMove('closed', 'long-term-follow-up', infused)).toMatchObject({ ok: false, conflict: true });
  });

  it('reopens a closed episode in any phase but closed, from infusion on once day 0 is recorded', () => {
    expect(phaseMove('closed', 'long-term-follow-up', { ...infused, reopen: true })).toEqual({
      ok: true,
      kind: 'reopen',
      needsReason: true,
    });
    expect(phaseMove('closed', 'infusion', { ...infused, reopen: true })).toMatchObject({ ok: true });
    expect(phaseMove('closed', 'conditioning', { ...infused, reopen: true })).toMatchObject({
      ok: false,
      field: 'phase',
    });
    expect(phaseMove('closed', 'referral', { ...open, reopen: true })).toMatchObject({ ok: true, kind: 'reopen' });
    expect(phaseMove('early-follow-up', 'long-term-follow-up', { ...infused, reopen: true })).toMatchObject({
      ok: false,
      conflict: true,
    });
  });

  it('makes the reason part of the schema for closing and reopening (3 to 500 characters)', () => {
    const close = (reason?: string) =>
      EpisodePhaseChangeSchema.safeParse({ phase: 'closed', date: '2026-01-01', reason }).success;
    expect(close()).toBe(false);
    expect(close('ab')).toBe(false);
    expect(close('abc')).toBe(true);
    expect(EpisodePhaseChangeSchema.safeParse({ phase: 'work-up', date: '2026-01-01' }).success).toBe(true);
    expect(EpisodeReopenSchema.safeParse({ date: '2026-01-01' }).success).toBe(false);
    expect(EpisodeReopenSchema.safeParse({ date: '2026-01-01', reason: 'x'.repeat(501) }).success).toBe(false);
    expect(
      EpisodeReopenSchema.safeParse({ date: '2026-01-01', phase: 'closed', reason: 'closed in error' }).success
    ).toBe(false);
  });
});
