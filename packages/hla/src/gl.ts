import { HlaError } from './errors';

/**
 * GL String operators from loosest to tightest binding (GL String spec, Milius et al. 2013):
 * `^` loci, `|` genotype alternatives, `+` the two chromosomes, `~` phased haplotype, `/` allele ambiguity.
 */
export const GL_OPERATORS = ['^', '|', '+', '~', '/'] as const;
export type GlOperator = (typeof GL_OPERATORS)[number];

export type GlNode = GlName | GlList;
export interface GlName {
  readonly kind: 'name';
  /** One typing name as written, e.g. `HLA-A*01:01`, `A*01:AB`, `B14`. */
  readonly name: string;
}
export interface GlList {
  readonly kind: 'list';
  readonly op: GlOperator;
  /** At least two items; each is a name or a list of a tighter-binding operator. */
  readonly items: readonly GlNode[];
}

const NAME_CHAR = /^[A-Za-z0-9*:-]$/;

/**
 * Parses a GL String into a tree. A level with a single item is not wrapped, so
 * `serializeGl(parseGl(s)) === s` for every well-formed string.
 * @throws HlaError `empty` / `syntax` naming the position of the offending character or operand.
 */
export function parseGl(gl: string): GlNode {
  if (gl.length === 0) throw new HlaError('empty', gl, 'empty typing');
  for (let i = 0; i < gl.length; i++) {
    const ch = gl[i] ?? '';
    if (!NAME_CHAR.test(ch) && !(GL_OPERATORS as readonly string[]).includes(ch)) {
      const shown = /\s/.test(ch) ? 'whitespace' : `character '${ch}'`;
      throw new HlaError('syntax', ch, `${shown} at position ${i + 1} is not allowed in a GL string`);
    }
  }
  return parseLevel(gl, 0, 0);
}

function parseLevel(text: string, level: number, offset: number): GlNode {
  const op = GL_OPERATORS[level];
  if (op === undefined) return { kind: 'name', name: text };
  const parts = text.split(op);
  if (parts.length === 1) return parseLevel(text, level + 1, offset);
  const items: GlNode[] = [];
  let pos = offset;
  for (const [i, part] of parts.entries()) {
    if (part.length === 0) {
      const where = i === 0 ? `at position ${pos + 1}` : `after '${op}' at position ${pos}`;
      throw new HlaError('syntax', op, `empty operand ${where} in GL string`);
    }
    items.push(parseLevel(part, level + 1, pos));
    pos += part.length + 1;
  }
  return { kind: 'list', op, items };
}

/**
 * Writes a tree back as a GL String. GL Strings have no brackets, so an item must bind tighter than
 * its parent; anything else cannot be written faithfully and is rejected.
 */
export function serializeGl(node: GlNode): string {
  if (node.kind === 'name') return node.name;
  const level = GL_OPERATORS.indexOf(node.op);
  if (node.items.length < 2) throw new HlaError('syntax', node.op, `a '${node.op}' list needs at least two items`);
  return node.items
    .map((item) => {
      if (item.kind === 'list' && GL_OPERATORS.indexOf(item.op) <= level) {
        throw new HlaError(
          'syntax',
          item.op,
          `a '${item.op}' list cannot sit inside a '${node.op}' list in a GL string`
        );
      }
      return serializeGl(item);
    })
    .join(node.op);
}

/** Every name in the tree, left to right. */
export function glNames(node: GlNode): string[] {
  if (node.kind === 'name') return [node.name];
  return node.items.flatMap(glNames);
}
