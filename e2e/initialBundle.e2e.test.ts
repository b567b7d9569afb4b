// The JavaScript every first visit loads, read from the built app (`npm run build`): the entry chunk of
// index.html and every chunk it imports statically, transitively (the browser fetches them before the first
// page shows). Issue 18: under 200 kB gzip; each page's own chunk loads on demand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = path.resolve(import.meta.dirname, '../packages/web/dist');

/** The entry chunk and its static imports (`import … from "./x.js"`, not `import("./x.js")`), as dist paths. */
function initialChunks(): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('index.html names no module script: run `npm run build` first');
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dist, file), 'utf8');
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{},\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      todo.push(path.posix.join(path.posix.dirname(file), m[1]!));
    }
  }
  return [...seen];
}

describe('the initial JavaScript of the built app', () => {
  const chunks = initialChunks();
  const code = chunks.map((f) => readFileSync(path.join(dist, f)));

  it('is under 200 kB gzip (entry chunk and its static imports)', () => {
    const gzip = code.reduce((n, c) => n + gzipSync(c).length, 0);
    expect(gzip, `${chunks.length} chunks: ${chunks.join(', ')}`).toBeLessThan(200_000);
  });

  it('holds no page but the shell: the sign-in and password pages load on demand too', () => {
    const text = code.map((c) => c.toString('utf8')).join('\n');
    expect(text.includes('Wrong username or password'), 'the sign-in page is in the initial chunks').toBe(false);
    expect(text.includes('Choose a new password'), 'the password page is in the initial chunks').toBe(false);
  });

  it('still configures the app’s zod messages (the domain’s one side effect survives tree-shaking)', () => {
    const text = code.map((c) => c.toString('utf8')).join('\n');
    expect(text.includes('choose one of: '), 'zodErrors.ts is not in the initial chunks').toBe(true);
  });
});
