import { describe, expect, it } from 'vitest';
import { PasswordChangeSchema, PasswordSchema, UserCreateSchema } from './auth';
import { passwordStem, passwordWeakness } from './passwordStrength';

describe('passwordWeakness (NIST SP 800-63B §5.1.1.2)', () => {
  it('refuses fewer than 12 characters and accepts 12 unrelated ones', () => {
    expect(passwordWeakness('tulip-kettle')).toBeNull(); // 12
    expect(passwordWeakness('tulip-kettl')).toMatch(/at least 12 characters/); // 11
  });

  it('refuses the common passwords of breach lists, with digits, symbols and look-alikes around them', () => {
    for (const p of [
      'password1234',
      'Password1234!',
      'P@ssw0rd2026',
      'qwertyuiop12',
      'qwertyqwerty',
      'passwordpassword',
      'letmein12345',
      'welcome2026!',
      'iloveyou1234',
    ]) {
      expect(passwordWeakness(p), p).toMatch(/most common passwords/);
    }
  });

  it('refuses digits only, a repeated character and runs', () => {
    for (const p of ['123456789012', 'aaaaaaaaaaaa', 'abcdefghijkl', '987654321098', 'abcabcabcabc']) {
      expect(passwordWeakness(p), p).not.toBeNull();
    }
  });

  it('refuses the username and "engraft" with digits, symbols or a common word around them', () => {
    expect(passwordWeakness('engraft2026!')).toMatch(/too close/);
    expect(passwordWeakness('Engraft-password')).toMatch(/too close/);
    expect(passwordWeakness('alice.smith99', 'alice.smith')).toMatch(/too close/);
    expect(passwordWeakness('alice.smith99')).toBeNull();
    expect(passwordWeakness('2026alicesmith!', 'alice.smith')).toMatch(/too close/);
    // the username inside a longer passphrase is fine
    expect(passwordWeakness('test-physician-password', 'physician')).toBeNull();
  });

  it('normalises look-alikes and trims digits and symbols at both ends', () => {
    expect(passwordStem('P@$$w0rd-2026!')).toBe('password');
  });
});

describe('password schemas', () => {
  it('PasswordSchema names what is wrong', () => {
    const r = PasswordSchema.safeParse('password1234');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/most common passwords/);
  });

  it('UserCreateSchema refuses the username as the password, on the password field', () => {
    const r = UserCreateSchema.safeParse({
      username: 'jane.doe',
      displayName: 'Jane',
      password: 'Jane.Doe2026!',
      roles: ['nurse'],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['password']);
  });

  it('PasswordChangeSchema refuses the same password again', () => {
    const r = PasswordChangeSchema.safeParse({
      currentPassword: 'tulip-kettle-moon',
      newPassword: 'tulip-kettle-moon',
    });
    expect(r.error?.issues[0]?.path).toEqual(['newPassword']);
  });
});
