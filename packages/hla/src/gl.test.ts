import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HlaError } from './errors';
import type { GlNode } from './gl';
import { GL_OPERATORS, glNames, parseGl, serializeGl } from './gl';

describe('GL string parsing', () => {
  it('nests the operators from ^ (loosest) to / (tightest)', () => {
    const tree = parseGl('HLA-A*01:01/HLA-A*01:02+HLA-A*24:02^HLA-B*08:01~HLA-C*07:01|HLA-B*07:02');
    expect(tree).toMatchObject({ kind: 'list', op: '^' });
    if (tree.kind !== 'list') throw new Error('expected a list');
    expect(tree.items[0]).toEqual({
      kind: 'list',
      op: '+',
      items: [
        {
          kind: 'list',
          op: '/',
          items: [
            { kind: 'name', name: 'HLA-A*01:01' },
            { kind: 'name', name: 'HLA-A*01:02' },
          ],
        },
        { kind: 'name', name: 'HLA-A*24:02' },
      ],
    });
    expect(tree.items[1]).toMatchObject({ op: '|' });
    expect(glNames(tree)).toHaveLength(6);
  });
  it('keeps a single name unwrapped', () => {
    expect(parseGl('A*01:01')).toEqual({ kind: 'name', name: 'A*01:01' });
  });
  it('names the position of empty operands and bad characters', () => {
    expect(() => parseGl('')).toThrow(HlaError);
    expect(() => parseGl('A*01:01//A*02:01')).toThrow(/empty operand after '\/' at position 8/);
    expect(() => parseGl('+A*01:01')).toThrow(/empty operand at position 1/);
    expect(() => parseGl('A*01:01 ')).toThrow(/whitespace at position 8/);
    expect(() => parseGl('A*01;01')).toThrow(/character ';' at position 5/);
  });
  it('refuses to serialize trees that a GL string cannot express', () => {
    const bad: GlNode = {
      kind: 'list',
      op: '/',
      items: [
        {
          kind: 'list',
          op: '+',
          items: [
            { kind: 'name', name: 'a' },
            { kind: 'name', name: 'b' },
          ],
        },
        { kind: 'name', name: 'c' },
      ],
    };
    expect(() => serializeGl(bad)).toThrow(/cannot sit inside/);
  });
});

// Trees a GL string can express: each list has >= 2 items that bind tighter than it.
const nameArb = fc.stringMatching(/^(HLA-)?[A-Z][A-Z0-9]{0,3}\*\d{2,3}(:\d{2,3}){0,3}[NQLS]?$/);
function treeArb(level: number): fc.Arbitrary<GlNode> {
  if (level >= GL_OPERATORS.length) return nameArb.map((name): GlNode => ({ kind: 'name', name }));
  const op = GL_OPERATORS[level] ?? '/';
  const inner = fc.oneof(
    treeArb(level + 1),
    nameArb.map((name): GlNode => ({ kind: 'name', name }))
  );
  return fc.oneof(
    { weight: 1, arbitrary: inner },
    {
      weight: 2,
      arbitrary: fc.array(inner, { minLength: 2, maxLength: 3 }).map((items): GlNode => ({ kind: 'list', op, items })),
    }
  );
}

describe('GL string properties', () => {
  it('round-trips: parse(serialize(tree)) equals the tree, serialize(parse(s)) equals s', () => {
    fc.assert(
      fc.property(treeArb(0), (tree) => {
        const text = serializeGl(tree);
        expect(parseGl(text)).toEqual(tree);
        expect(serializeGl(parseGl(text))).toBe(text);
      }),
      { numRuns: 500 }
    );
  });
  it('never crashes on random input: it parses or throws an HlaError', () => {
    const check = (s: string): void => {
      try {
        parseGl(s);
      } catch (err) {
        expect(err).toBeInstanceOf(HlaError);
      }
    };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'A*0:1/+~|^HLA-'.split('')), maxLength: 40 }), check), {
      numRuns: 2000,
    });
  });
});
