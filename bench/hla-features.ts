// py-ard features and HML import (issue 15): over the WMDA MVT typings (../shared/data/wmda-mvt), warm
// CWD 2.0 reduction and the DRB3/4/5 check, and parsing an HML file of every typing as one sample each
// (syntax only, then validated against the release). Usage: npm run bench -- hla-features
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CwdReducer, checkDrbx, createHlaEngine, parseCwdTable, parseHml } from '../packages/hla/src/index';
import { loadImgtRelease } from '../packages/hla/src/node';
import { machineLine } from './_machine';
import { sharedDataDir } from './_sharedData';

const data = sharedDataDir();
const typings: string[] = [];
for (const file of readdirSync(join(data, 'wmda-mvt')).filter((f) => f.endsWith('.gl.txt.gz'))) {
  for (const line of gunzipSync(readFileSync(join(data, 'wmda-mvt', file)))
    .toString('utf8')
    .split('\n')) {
    const gl = line.slice(line.indexOf('%') + 1).trim();
    if (gl) typings.push(gl);
  }
}
const engine = createHlaEngine({ release: loadImgtRelease(join(data, 'imgt', '3.58.0')) });
const rate = (n: number, ms: number): string => Math.round((n / ms) * 1000).toLocaleString('en-US');
const timed = (fn: () => number): [number, number] => {
  const t = performance.now();
  const n = fn();
  return [n, performance.now() - t];
};
console.log(machineLine());
console.log(`IMGT/HLA ${engine.release.version}: ${typings.length} WMDA typings`);

const cwd = new CwdReducer(engine, parseCwdTable(readFileSync(join(data, 'ciwd', 'CWD2.csv'), 'utf8')));
const cwdPass = (): number => {
  let ok = 0;
  for (const gl of typings) {
    try {
      cwd.reduce(gl);
      ok++;
    } catch {
      /* counted as not ok */
    }
  }
  return ok;
};
cwdPass();
engine.clearCaches();
cwdPass();
const [cwdOk, cwdMs] = timed(cwdPass);
console.log(`CWD 2.0 reduction (warm, caches full): ${rate(typings.length, cwdMs)} typings/s (${cwdOk} reduced)`);

const [drbxOk, drbxMs] = timed(() => {
  let n = 0;
  for (const gl of typings) {
    try {
      checkDrbx(gl);
      n++;
    } catch {
      /* typings without a DRB1 genotype */
    }
  }
  return n;
});
console.log(`DRB3/4/5 check: ${rate(typings.length, drbxMs)} typings/s (${drbxOk} with a DRB1 genotype)`);

const hml =
  '<hml xmlns="http://schemas.nmdp.org/spec/hml/1.0.1" version="1.0.1">\n' +
  typings
    .map(
      (gl, i) =>
        `<sample id="S${i}"><typing gene-family="HLA"><allele-assignment allele-version="3.58.0">` +
        `<glstring>${gl}</glstring></allele-assignment><typing-method><sbt-ngs locus="HLA-A" test-id="T" ` +
        `test-id-source="GTR"/></typing-method></typing></sample>`
    )
    .join('\n') +
  '\n</hml>\n';
const [samples, syntaxMs] = timed(() => parseHml(hml).samples.length);
console.log(
  `HML parse, syntax only: ${(hml.length / 2 ** 20).toFixed(1)} MiB, ${samples} samples in ${syntaxMs.toFixed(0)} ms (${rate(samples, syntaxMs)} samples/s)`
);
engine.clearCaches();
const [validated, fullMs] = timed(() => parseHml(hml, { engine }).samples.length);
console.log(`HML parse + validation against the release: ${validated} samples in ${fullMs.toFixed(0)} ms`);
console.log(`peak RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
