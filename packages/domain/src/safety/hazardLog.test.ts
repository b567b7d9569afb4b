// Keeps docs/safety/hazards.md true (issue 13): every hazard line names at least one test file that exists, and
// every test named in quotes is found in one of the files its line names. A control whose test was renamed or
// deleted fails here instead of silently losing its proof.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');
const log = readFileSync(path.join(root, 'docs/safety/hazards.md'), 'utf8');
const rows = log.split('\n').filter((l) => /^\| H-[A-Z]+-\d+ /.test(l));

function testFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) testFiles(p, out);
    else if (/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}
const all = [
  ...testFiles(path.join(root, 'packages')),
  ...testFiles(path.join(root, 'e2e')),
  ...testFiles(path.join(root, 'bench')),
];

/** A referenced file: a repository path, or a bare file name that names exactly one test file. */
function resolve(ref: string): string[] {
  if (ref.includes('/')) return all.filter((f) => f === path.join(root, ref));
  return all.filter((f) => path.basename(f) === ref);
}

/** The searchable start of a quoted test name: up to an ellipsis, a printf placeholder or an escape. */
function probe(name: string): string {
  return name
    .split(/…|%s|%d|\\"|\.\.\./)[0]!
    .trim()
    .slice(0, 40);
}

describe('hazard log (docs/safety/hazards.md)', () => {
  it('has hazard lines with unique ids', () => {
    expect(rows.length).toBeGreaterThan(50);
    const ids = rows.map((r) => r.split('|')[1]!.trim());
    expect(new Set(ids).size).toBe(ids.length);
  });
  it.each(rows.map((r) => [r.split('|')[1]!.trim(), r] as const))('%s names tests that exist', (_id, row) => {
    const cells = row.split(' | ');
    const testCell = cells[cells.length - 1]!;
    const refs = [...testCell.matchAll(/`([^`]+\.test\.tsx?)`/g)].map((m) => m[1]!);
    expect(refs.length, 'the test column names at least one test file').toBeGreaterThan(0);
    const files = refs.flatMap((r) => {
      const found = resolve(r);
      expect(found.length, `${r} exists`).toBeGreaterThan(0);
      return found;
    });
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const names = [...testCell.matchAll(/"((?:[^"\\]|\\.)+)"/g)].map((m) => probe(m[1]!)).filter((p) => p.length >= 12);
    for (const n of names) {
      expect(
        text.includes(n) || text.includes(n.replace(/'/g, '’')) || text.includes(n.replace(/’/g, "'")),
        `a test named "${n}…" in ${refs.join(', ')}`
      ).toBe(true);
    }
  });
});
