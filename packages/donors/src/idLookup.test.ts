import { describe, expect, it } from 'vitest';
import { ShardIdLookup, hashId } from './idLookup';

describe('shard id lookup', () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => `D${i.toString(36)}`);
  const live = new Uint8Array(20_000);

  it('finds every id of the shard and nothing else', () => {
    const lookup = ShardIdLookup.build(ids, ids.length);
    for (const [row, id] of ids.entries()) expect(lookup.find(id, ids, live)).toBe(row);
    expect(lookup.find('nope', ids, live)).toBeUndefined();
    expect(lookup.find('', ids, live)).toBeUndefined();
  });

  it('returns the live row when an earlier row of the same id was removed (an update)', () => {
    const rows = ['a', 'b', 'a'];
    const status = Uint8Array.from([1, 0, 0]);
    expect(ShardIdLookup.build(rows, 3).find('a', rows, status)).toBe(2);
    expect(ShardIdLookup.build(rows, 3).find('a', rows, Uint8Array.from([1, 0, 1]))).toBeUndefined();
  });

  it('only indexes the rows it was built over; later rows are added one by one', () => {
    const rows = [...ids];
    const lookup = ShardIdLookup.build(rows, 5_000);
    expect(lookup.find(rows[7_000] as string, rows, live)).toBeUndefined();
    expect(lookup.add(rows[7_000] as string, 7_000)).toBe(true);
    expect(lookup.find(rows[7_000] as string, rows, live)).toBe(7_000);
  });

  it('asks for a rebuild once too many rows were added after the build', () => {
    const lookup = ShardIdLookup.build([], 0);
    let accepted = 0;
    while (lookup.add(`x${accepted}`, accepted)) accepted++;
    expect(accepted).toBe(65_536);
  });

  it('hashes to 32 unsigned bits (FNV-1a test vectors)', () => {
    expect(hashId('')).toBe(0x811c9dc5);
    expect(hashId('a')).toBe(0xe40c292c);
    expect(hashId('foobar')).toBe(0xbf9cf968);
  });
});
