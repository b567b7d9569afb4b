import { describe, expect, it } from 'vitest';
import { MAX_PAGE_OFFSET, pageOffset } from './paging';

describe('pageOffset', () => {
  it('reads 0 and MAX_PAGE_OFFSET and defaults to 0', () => {
    expect(pageOffset().parse(undefined)).toBe(0);
    expect(pageOffset().parse('0')).toBe(0);
    expect(pageOffset().parse(String(MAX_PAGE_OFFSET))).toBe(MAX_PAGE_OFFSET);
  });
  it('refuses one past the bound, 1e15, negatives, fractions and text, naming offset', () => {
    for (const bad of [String(MAX_PAGE_OFFSET + 1), '1e15', '-1', '1.5', 'abc', 'Infinity']) {
      const r = pageOffset().safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error!.issues[0]!.message, bad).toMatch(/offset/);
    }
  });
});
