import { describe, expect, it } from 'vitest';
import { headerLabelsFitFrom, navItemsFor } from './navItems';

describe('navItemsFor', () => {
  it('gives each role only the entries it may use', () => {
    expect(navItemsFor(['nurse']).map((i) => i.to)).toEqual(['/today', '/patients', '/calculators']);
    expect(navItemsFor(['admin']).map((i) => i.to)).toContain('/admin/users');
    expect(navItemsFor(['nurse']).map((i) => i.to)).not.toContain('/admin/users');
  });
});

describe('headerLabelsFitFrom', () => {
  it('adds 40 px + 8 px a letter for a worded entry, 34 px for an icon, 10 px between, to 600 px', () => {
    const icon = () => null;
    expect(headerLabelsFitFrom([])).toBe(600);
    expect(headerLabelsFitFrom([{ to: '/a', label: 'Today', icon }])).toBe(600 + 10 + 40 + 40);
    expect(headerLabelsFitFrom([{ to: '/b', label: 'Users', icon, iconOnly: true }])).toBe(600 + 10 + 34);
  });

  it('keeps a nurse’s three links worded wherever the row shows (from 992 px), an administrator’s from 1306 px', () => {
    expect(headerLabelsFitFrom(navItemsFor(['nurse']))).toBeLessThan(992);
    expect(headerLabelsFitFrom(navItemsFor(['admin']))).toBe(1306);
  });
});
