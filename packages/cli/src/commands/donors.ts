import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import cliProgress from 'cli-progress';
import type { HlaEngine, MacDictionary } from '@engraft/hla';
import { createHlaEngine } from '@engraft/hla';
import { loadImgtRelease, loadMacFile } from '@engraft/hla/node';
import type { ImportFormat, Patient, SearchCriteriaInput, SearchHit, SearchResult } from '@engraft/donors';
import {
  CSV_COLUMNS,
  DonorIndex as Index,
  DonorSearchPool,
  frequencySetsOf,
  RegistryGenerator,
  type SnapshotFrequencySet,
  importFile,
  loadSnapshot,
  readLines,
  readSnapshotHeader,
  readTextFile,
  toCsvLine,
  writeLines,
  writeSnapshot,
} from '@engraft/donors';
import { registerFrequencySetCommands } from './donorsFreqs';
import { dataDir, defaultMacFile, newestCachedRelease } from './hla/dataDir';

// `engraft donors import|generate|index|search` (issue 6). Registry files: WMDA `ID%GL` text or CSV (gzip
// accepted); the index lives in a snapshot file written atomically after each change.

interface EngineOptions {
  imgtDir?: string;
  macFile?: string;
}

/** Registers `engraft donors …`. */
export function registerDonorsCommands(program: Command): void {
  const donors = program
    .command('donors')
    .description('donor registry: import, generate synthetic registries, index snapshots, search');
  registerFrequencySetCommands(donors);

  withEngine(
    donors
      .command('import')
      .description(
        'import registry files (WMDA ID%GL text or CSV, gzip accepted) into a snapshot; prints a JSON summary'
      )
      .argument('<files...>', 'registry files')
      .requiredOption('--snapshot <file>', 'index snapshot to create or update')
      .option('--strict', 'refuse the whole import when any row is invalid (nothing is written)')
      .option('--registry <name>', 'registry recorded on WMDA-format rows', 'WMDA')
      .addOption(new Option('--format <format>', 'file format (default: from the file name)').choices(['wmda', 'csv']))
      .option(
        '--frequency-set <files...>',
        'haplotype frequency set file(s) the registry was generated or imputed with: name and SHA-256 recorded in the snapshot'
      )
  ).action(
    async (
      files: string[],
      opts: EngineOptions & {
        snapshot: string;
        strict?: boolean;
        registry: string;
        format?: ImportFormat;
        frequencySet?: string[];
      }
    ) => {
      const engine = openEngine(opts);
      const frequencySets = recordedFrequencySets(opts.snapshot, opts.frequencySet);
      const index = existsSync(opts.snapshot) ? loadSnapshot(opts.snapshot, engine) : new Index({ engine });
      const summaries = [];
      let refused = false;
      for (const file of files) {
        const progress = rowProgress(`import ${file}`);
        const summary = await importFile(index, file, {
          strict: opts.strict ?? false,
          registry: opts.registry,
          ...(opts.format ? { format: opts.format } : {}),
          onProgress: progress.update,
          progressEvery: 20_000,
        });
        progress.stop(summary.lines);
        summaries.push({ file, ...summary, elapsedMs: Math.round(summary.elapsedMs) });
        if (summary.refused) refused = true;
      }
      if (!refused) writeSnapshot(index, opts.snapshot, { frequencySets });
      console.log(
        JSON.stringify(
          {
            snapshot: opts.snapshot,
            written: !refused,
            donors: index.size,
            release: index.release,
            frequencySets,
            files: summaries,
          },
          null,
          2
        )
      );
      if (refused) process.exitCode = 2;
    }
  );

  withEngine(
    donors
      .command('generate')
      .description(
        'write a synthetic registry sampled from haplotype frequencies (CSV, or WMDA text with --format wmda)'
      )
      .requiredOption('--count <n>', 'donors', parseCount)
      .option('--seed <n>', 'random seed', parseCount, 1)
      .requiredOption('--out <file>', 'output file (.gz for gzip)')
      .addOption(
        new Option('--format <format>', 'output format (default: csv unless the name ends in .txt/.txt.gz)').choices([
          'wmda',
          'csv',
        ])
      )
      .option('--cord-share <x>', 'share of cord units', Number, 0.02)
      .option('--freqs <file>', 'haplotype frequency file (default <data dir>/freqs/CAU.freqs.gz)')
      .option('--ciwd <file>', 'CIWD table for DPB1 (default <data dir>/ciwd/ciwd.3.0.0.csv)')
  ).action(
    async (
      opts: EngineOptions & {
        count: number;
        seed: number;
        out: string;
        format?: ImportFormat;
        cordShare: number;
        freqs?: string;
        ciwd?: string;
      }
    ) => {
      const engine = openEngine(opts);
      const gen = new RegistryGenerator({
        engine,
        freqs: readTextFile(dataFile(opts.freqs, 'freqs/CAU.freqs.gz', '--freqs')),
        ciwd: readTextFile(dataFile(opts.ciwd, 'ciwd/ciwd.3.0.0.csv', '--ciwd')),
        seed: opts.seed,
        cordShare: opts.cordShare,
      });
      const format = opts.format ?? (/\.txt(\.gz)?$/.test(opts.out) ? 'wmda' : 'csv');
      const progress = rowProgress('generate', opts.count);
      const started = performance.now();
      function* lines(): Generator<string> {
        if (format === 'csv') yield CSV_COLUMNS.join(',');
        for (let i = 0; i < opts.count; i++) {
          const d = gen.next();
          if (format === 'csv') yield toCsvLine(d);
          else {
            yield `${d.id}%${['A', 'C', 'B', 'DRB1', 'DQB1', 'DPB1'].flatMap((l) => d.typing[l as 'A'] ?? []).join('^')}`;
          }
          if ((i + 1) % 20_000 === 0) progress.update(i + 1);
        }
      }
      await writeLines(opts.out, lines());
      progress.stop(opts.count);
      console.error(
        `${opts.count} donors written to ${opts.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`
      );
    }
  );

  withEngine(
    donors
      .command('index')
      .description('show a snapshot (donors, shards, release, dictionaries); --remove deletes donors and rewrites it')
      .requiredOption('--snapshot <file>', 'index snapshot')
      .option('--remove <ids>', 'comma-separated donor ids to remove')
  ).action((opts: EngineOptions & { snapshot: string; remove?: string }) => {
    if (opts.remove) {
      const index = loadSnapshot(opts.snapshot, openEngine(opts));
      const result = index.remove(opts.remove.split(',').filter(Boolean));
      writeSnapshot(index, opts.snapshot, { frequencySets: recordedFrequencySets(opts.snapshot, undefined) });
      console.log(JSON.stringify({ ...result, donors: index.size }, null, 2));
      return;
    }
    const h = readSnapshotHeader(opts.snapshot);
    console.log(
      JSON.stringify(
        {
          snapshot: opts.snapshot,
          release: h.release,
          frequencySets: frequencySetsOf(h),
          createdAt: h.createdAt,
          donors: h.donors,
          shards: h.shards.length,
          registries: h.registries,
          dictionaries: Object.fromEntries(Object.entries(h.dictionaries).map(([l, t]) => [l, t.length])),
        },
        null,
        2
      )
    );
  });

  withEngine(
    donors
      .command('search')
      .description(
        'search a snapshot for a patient (--patient GL) or a batch (--patients FILE of ID%GL lines: JSON lines out)'
      )
      .requiredOption('--snapshot <file>', 'index snapshot')
      .option('--patient <gl>', "the patient's typing as a GL string")
      .option('--patients <file>', 'batch: one ID%GL (or GL) per line')
      .addOption(new Option('--loci <n>', 'loci counted').choices(['6', '8', '10', '12']).default('10'))
      .option('--max-mm <n>', 'maximum mismatches in total', parseCount, 2)
      .addOption(
        new Option('--direction <d>', 'mismatches counted')
          .choices(['bidirectional', 'gvh', 'hvg'])
          .default('bidirectional')
      )
      .option('--cord', 'cord units (alone, unless --adult is given too)')
      .option('--adult', 'adult donors (the default without --cord)')
      .option('--weight-kg <kg>', 'patient weight, for cord dose per kg', Number)
      .addOption(
        new Option(
          '--antigen <loci>',
          'comma-separated loci compared at antigen level (cord 6/6: A,B; default with --cord --loci 6)'
        )
      )
      .option('--limit <n>', 'hits shown', parseCount, 20)
      .option('--offset <n>', 'hits skipped', parseCount, 0)
      .option('--threads <n>', 'worker threads (default 1 = this thread)', parseCount, 1)
      .option('--explain <id>', "explain one donor's grades locus by locus instead of searching")
      .option('--json', 'JSON output')
  ).action(async (opts: SearchOptions) => {
    if (!opts.patient && !opts.patients) throw new Error('give --patient GL or --patients FILE');
    const engine = openEngine(opts);
    const loadStart = performance.now();
    const index = loadSnapshot(opts.snapshot, engine);
    if (process.stderr.isTTY) {
      console.error(`loaded ${index.size} donors in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
    }
    const criteria = criteriaOf(opts);
    const pool = opts.threads > 1 ? new DonorSearchPool(index, { threads: opts.threads }) : undefined;
    const run = (patient: Patient): Promise<SearchResult> =>
      pool ? pool.search(patient, criteria) : Promise.resolve(index.search(patient, criteria));
    try {
      if (opts.explain !== undefined) {
        const e = index.explain(opts.explain, { typing: opts.patient ?? '' }, criteria);
        if (!e) throw new Error(`no donor ${opts.explain} in ${opts.snapshot}`);
        console.log(JSON.stringify(e, null, 2));
        return;
      }
      if (opts.patient) {
        const patient: Patient = { typing: opts.patient, ...(opts.weightKg ? { weightKg: opts.weightKg } : {}) };
        const result = await run(patient);
        const hits = result.page(opts.offset, opts.limit);
        if (opts.json) console.log(JSON.stringify(resultJson(result, hits), null, 2));
        else printTable(result, hits);
        return;
      }
      for await (const line of readLines(opts.patients ?? '')) {
        if (!line.trim() || line.startsWith('#')) continue;
        const pct = line.indexOf('%');
        const id = pct > 0 ? line.slice(0, pct) : undefined;
        const typing = pct > 0 ? line.slice(pct + 1).trim() : line.trim();
        try {
          const result = await run({ typing, ...(opts.weightKg ? { weightKg: opts.weightKg } : {}) });
          console.log(
            JSON.stringify({ patient: id ?? typing, ...resultJson(result, result.page(opts.offset, opts.limit)) })
          );
        } catch (err) {
          console.log(
            JSON.stringify({ patient: id ?? typing, error: err instanceof Error ? err.message : String(err) })
          );
        }
      }
    } finally {
      await pool?.close();
    }
  });
}

interface SearchOptions extends EngineOptions {
  snapshot: string;
  patient?: string;
  patients?: string;
  loci: string;
  maxMm: number;
  direction: 'bidirectional' | 'gvh' | 'hvg';
  cord?: boolean;
  adult?: boolean;
  weightKg?: number;
  antigen?: string;
  limit: number;
  offset: number;
  threads: number;
  explain?: string;
  json?: boolean;
}

function criteriaOf(opts: SearchOptions): SearchCriteriaInput {
  const loci = Number(opts.loci) as 6 | 8 | 10 | 12;
  const kinds: ('adult' | 'cord')[] = [];
  if (opts.adult || !opts.cord) kinds.push('adult');
  if (opts.cord) kinds.push('cord');
  const antigen = opts.antigen ? opts.antigen.split(',') : opts.cord && !opts.adult && loci === 6 ? ['A', 'B'] : [];
  return {
    loci,
    maxMismatches: opts.maxMm,
    direction: opts.direction,
    donorKinds: kinds,
    levels: Object.fromEntries(antigen.map((l) => [l.trim(), 'antigen'])),
  };
}

function resultJson(result: SearchResult, hits: readonly SearchHit[]) {
  return {
    release: result.release,
    criteria: result.criteria,
    total: result.total,
    elapsedMs: Math.round(result.elapsedMs * 10) / 10,
    hits: hits.map((h) => ({
      rank: h.rank,
      id: h.donor.id,
      registry: h.donor.registry,
      kind: h.donor.kind,
      sex: h.donor.sex,
      age: h.age,
      cmv: h.donor.cmv,
      abo: h.donor.abo,
      mismatches: h.mismatches,
      potential: h.potential,
      dpb1: h.dpb1,
      loci: Object.fromEntries(
        h.loci.map((l) => [
          l.locus,
          {
            mismatches: l.mismatches,
            potential: l.potential,
            gvh: l.gvh,
            hvg: l.hvg,
            grades: l.positions.map((p) => p.allele),
          },
        ])
      ),
      ...(h.cord
        ? {
            cord: {
              tncE7PerKg: round2(h.cord.tncE7PerKg),
              cd34E5PerKg: h.cord.cd34E5PerKg === null ? null : round2(h.cord.cd34E5PerKg),
              single: h.cord.single.adequate,
              double: h.cord.double.adequate,
              warnings: h.cord.single.warnings,
            },
          }
        : {}),
    })),
  };
}

const GRADE_CHAR = { definite: 'M', potential: 'P', mismatch: 'X' } as const;

function printTable(result: SearchResult, hits: readonly SearchHit[]): void {
  console.log(
    `${result.total} donors (release ${result.release}, ${result.elapsedMs.toFixed(1)} ms); grades per locus: M definite match, P potential, X mismatch`
  );
  for (const h of hits) {
    const loci = h.loci.map((l) => `${l.locus}:${l.positions.map((p) => GRADE_CHAR[p.allele]).join('')}`).join(' ');
    const cord = h.cord
      ? ` TNC ${h.cord.tncE7PerKg.toFixed(1)}e7/kg CD34 ${h.cord.cd34E5PerKg?.toFixed(2) ?? '?'}e5/kg ${h.cord.single.adequate ? 'adequate' : 'not adequate'}`
      : '';
    console.log(
      `${String(h.rank).padStart(4)} ${h.donor.id.padEnd(12)} ${h.donor.kind.padEnd(5)} ${h.mismatches}mm ${h.potential}pot ${loci} DPB1:${h.dpb1} age ${h.age ?? '?'} ${h.donor.sex ?? '?'}${cord}`
    );
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function withEngine(command: Command): Command {
  return command
    .option(
      '--imgt-dir <dir>',
      'IPD-IMGT/HLA release directory (default: newest release fetched into the data directory)'
    )
    .option('--mac-file <file>', 'MAC dictionary (default: <data dir>/mac/numer.v3.txt if present)');
}

function openEngine(opts: EngineOptions): HlaEngine {
  const dir = dataDir();
  const imgtDir = opts.imgtDir ?? newestCachedRelease(dir);
  if (!imgtDir) {
    throw new Error(
      `no IPD-IMGT/HLA release found in ${dir}/imgt: run 'engraft hla data fetch' (or pass --imgt-dir DIR)`
    );
  }
  const macFile = opts.macFile ?? defaultMacFile(dir);
  let macs: MacDictionary | undefined;
  if (macFile) macs = loadMacFile(macFile);
  return createHlaEngine({
    release: loadImgtRelease(imgtDir),
    ...(macs ? { macs } : {}),
    options: { cacheSize: 1_000_000 },
  });
}

function dataFile(given: string | undefined, relative: string, flag: string): string {
  const path = given ?? join(dataDir(), relative);
  if (!existsSync(path)) throw new Error(`${path} not found: pass ${flag} FILE`);
  return path;
}

function parseCount(value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a non-negative integer: ${value}`);
  return n;
}

/** Progress on stderr when it is a terminal: a bar when the total is known, else a row counter; both with rows/s. */
function rowProgress(label: string, total?: number): { update: (rows: number) => void; stop: (rows: number) => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const started = performance.now();
  const rate = (rows: number) => Math.round(rows / Math.max(0.001, (performance.now() - started) / 1000));
  if (total !== undefined) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} [{bar}] {value}/{total} rows, {rate} rows/s, eta {eta}s` },
      cliProgress.Presets.shades_classic
    );
    bar.start(total, 0, { rate: 0 });
    return {
      update: (rows) => bar.update(rows, { rate: rate(rows) }),
      stop: (rows) => {
        bar.update(rows, { rate: rate(rows) });
        bar.stop();
      },
    };
  }
  return {
    update: (rows) => process.stderr.write(`\r${label}: ${rows} rows, ${rate(rows)} rows/s`),
    stop: (rows) => process.stderr.write(`\r${label}: ${rows} rows, ${rate(rows)} rows/s\n`),
  };
}

/** The frequency sets to record: those named now (file name and SHA-256), else those the snapshot records. */
function recordedFrequencySets(snapshot: string, files: string[] | undefined): SnapshotFrequencySet[] {
  if (files?.length) {
    return files.map((f) => ({
      name: basename(f).replace(/\.(csv|txt|freqs)?(\.gz)?$/i, ''),
      sha256: createHash('sha256').update(readFileSync(f)).digest('hex'),
    }));
  }
  return existsSync(snapshot) ? [...frequencySetsOf(readSnapshotHeader(snapshot))] : [];
}
