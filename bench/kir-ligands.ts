// KIR-ligand residue table (issue 19, ADR 0422): time and memory of streaming alignments/{A,B,C}_prot.txt at the
// size of a real release. No release here ships its alignments, so the files are generated in the IPD-IMGT/HLA
// layout with one row per HLA-A, -B and -C allele of ../shared/data/imgt/3.58.0/Allelelist.txt, 366 residues
// (24 leader + 342 mature) in blocks of 100. Usage: npm run bench -- kir-ligands
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKirLigandTable } from '../packages/donors/src/family/kirLigandFiles';
import { machineLine } from './_machine';
import { sharedDataDir } from './_sharedData';

const LEADER = 'MRVMAPRTLILLLSGALALTETWA';
const MATURE = `GSHSMRYFYT${'SVSRPGRGEP'.repeat(7)}AQTDRESLRNLRGYYN${'QSEAGSHTLQ'.repeat(26)}`.slice(0, 342);
const REF = LEADER + MATURE;
const groups = (s: string) => (s.match(/.{1,10}/g) ?? []).join(' ');

const alleles = readFileSync(join(sharedDataDir(), 'imgt', '3.58.0', 'Allelelist.txt'), 'utf8')
  .split('\n')
  .map((l) => l.split(',')[1]?.trim() ?? '');
const dir = mkdtempSync(join(tmpdir(), 'engraft-kir-bench-'));
mkdirSync(join(dir, 'alignments'));
let bytes = 0;
let rows = 0;
for (const locus of ['A', 'B', 'C']) {
  const names = alleles.filter((a) => a.startsWith(`${locus}*`));
  rows += names.length;
  const lines = [`# file: ${locus}_prot.txt`, '# version: IPD-IMGT/HLA 3.58.0 (bench: generated)', ''];
  for (let at = 0; at < REF.length; at += 100) {
    lines.push(` Prot       ${at - 24}`, '');
    names.forEach((n, i) => {
      const seq = i === 0 ? REF : '-'.repeat(REF.length);
      lines.push(` ${n.padEnd(18)}${groups(seq.slice(at, at + 100))}`);
    });
    lines.push('');
  }
  const path = join(dir, 'alignments', `${locus}_prot.txt`);
  writeFileSync(path, lines.join('\n'));
  bytes += statSync(path).size;
}
const rssBefore = process.memoryUsage().rss;
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const t = performance.now();
const table = await loadKirLigandTable(dir);
const ms = performance.now() - t;
clearInterval(sampler);
console.log(machineLine());
console.log(`${rows.toLocaleString('en-US')} allele rows, ${(bytes / 2 ** 20).toFixed(1)} MiB of alignments`);
console.log(`read ${table?.alleles.toLocaleString('en-US')} alleles in ${Math.round(ms)} ms`);
console.log(
  `RSS ${(rssBefore / 2 ** 20).toFixed(0)} MiB before, peak ${(peakRss / 2 ** 20).toFixed(0)} MiB while reading`
);
