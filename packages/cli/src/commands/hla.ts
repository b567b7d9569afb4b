import type { Command } from 'commander';
import { Option } from 'commander';
import type { HlaEngine, MacDictionary, ReductionLevel } from '@engraft/hla';
import { join } from 'node:path';
import { REDUCTION_LEVELS, createHlaEngine, isHlaError } from '@engraft/hla';
import { loadImgtReleaseCached, loadMacFile } from '@engraft/hla/node';
import { readStdinLines, runBatch } from './hla/batch';
import { dataDir, defaultMacFile, newestCachedRelease } from './hla/dataDir';
import { fetchNmdpMacs, NMDP_MAC_URL } from './hla/fetchMacs';
import { registerHlaFeatureCommands } from './hla/features';
import { fetchImgtRelease } from './hla/fetchRelease';
import { registerImputeCommand } from './hla/impute';
import { registerHmlCommand } from './hla/hml';

export interface DataOptions {
  imgtDir?: string;
  ignoreSuffixes?: string;
  macFile?: string;
  nonStrict?: boolean;
  arsAsLg?: boolean;
  ping?: boolean;
  refuseNewerNames?: boolean;
}

/** `engraft hla reduce|validate|expand|data fetch` (issue 3 CLI contract). */
export function registerHlaCommands(program: Command): void {
  const hla = program
    .command('hla')
    .description('HLA nomenclature: reduce, validate and expand typings (one per line on stdin)');

  withDataOptions(
    hla
      .command('reduce')
      .description('reduce each typing to a level: writes <input>\\t<reduced GL string> or <input>\\tERROR\\t<message>')
      .addOption(new Option('--to <level>', 'reduction level').choices([...REDUCTION_LEVELS]).makeOptionMandatory())
      .option('--ars-as-lg', 'write lg names with ARS instead of g')
      .option('--no-ping', 'lgx from G groups only (no "P in G")')
  ).action(async (opts: DataOptions & { to: ReductionLevel }) => {
    const engine = openEngine(opts);
    runBatch(await readStdinLines(), (line) => answerOrError(engine, line, () => engine.reduce(line, opts.to)));
  });

  withDataOptions(
    hla.command('validate').description('validate each typing: writes <input>\\tvalid or <input>\\tinvalid\\t<reason>')
  ).action(async (opts: DataOptions) => {
    const engine = openEngine(opts);
    runBatch(await readStdinLines(), (line) => {
      const result = engine.validate(line);
      if (result.valid) for (const w of result.warnings) warnLine(line, w.message);
      return result.valid ? 'valid' : `invalid\t${oneLine(result.error.message)}`;
    });
  });

  withDataOptions(
    hla
      .command('expand')
      .description(
        'expand each typing (MAC/XX codes to the names they denote, other names to WHO alleles): writes <input>\\t<GL string>'
      )
  ).action(async (opts: DataOptions) => {
    const engine = openEngine(opts);
    runBatch(await readStdinLines(), (line) => answerOrError(engine, line, () => engine.expand(line)));
  });

  registerImputeCommand(hla, withDataOptions, openEngine);
  const shared = { withDataOptions, openEngine, answerOrError: errorAsLine };
  registerHlaFeatureCommands(hla, shared);
  registerHmlCommand(hla, shared);

  const data = hla.command('data').description('reference data: IPD-IMGT/HLA releases and the NMDP MAC list');
  data
    .command('fetch-macs')
    .description('download (or refresh) NMDP numer.v3 MAC codes into <data dir>/mac/numer.v3.txt')
    .option('--url <url>', 'where to download from', NMDP_MAC_URL)
    .action(async (opts: { url: string }) => {
      const { path, codes } = await fetchNmdpMacs({ dataDir: dataDir(), url: opts.url });
      console.error(`${codes} MAC codes`);
      console.log(path);
    });
  data
    .command('fetch')
    .description(
      'download a release from the IMGT GitHub repository, verify its md5 checksums, cache it in the data directory'
    )
    .option('--release <version>', 'release such as 3.58.0 (default: the latest)')
    .action(async (opts: { release?: string }) => {
      const dir = await fetchImgtRelease({
        dataDir: dataDir(),
        ...(opts.release ? { release: opts.release } : {}),
        ...(process.env.ENGRAFT_IMGT_BASE_URL ? { baseUrl: process.env.ENGRAFT_IMGT_BASE_URL } : {}),
        log: (line) => console.error(line),
      });
      console.log(dir);
    });
}

function withDataOptions(command: Command): Command {
  return command
    .option(
      '--imgt-dir <dir>',
      'IPD-IMGT/HLA release directory (default: newest release fetched into the data directory)'
    )
    .option(
      '--mac-file <file>',
      'MAC dictionary, NMDP numer.v3.txt or the Atlas CSV (default: <data dir>/mac/numer.v3.txt if present)'
    )
    .option(
      '--non-strict',
      'accept names missing an expression suffix IMGT has since added, and MACs across first fields'
    )
    .option(
      '--ignore-suffixes <list>',
      'placeholders passed through unchanged, matched after the * (py-ard ignore_allele_with_suffixes), e.g. NNNN,UUUU'
    )
    .option(
      '--refuse-newer-names',
      'refuse names absent from the release whose parent is in it (default: reduce as the parent, with a warning)'
    );
}

function openEngine(opts: DataOptions): HlaEngine {
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
    release: loadImgtReleaseCached(imgtDir, join(dir, 'cache', 'hla')),
    ...(macs ? { macs } : {}),
    options: {
      strict: !opts.nonStrict,
      ping: opts.ping ?? true,
      arsAsLg: opts.arsAsLg ?? false,
      ignoreSuffixes: (opts.ignoreSuffixes ?? '').split(',').filter((s) => s !== ''),
      newerNames: opts.refuseNewerNames ? 'refuse' : 'parent',
    },
  });
}

// Caveats (a name newer than the release read as its parent, a deleted name read as its current one) go to
// stderr as `warning\t<input>\t<message>`, so stdout keeps one answer per input line.
/** Runs one line's work; an HLA error becomes an `ERROR\t…` answer line (the batch goes on). */
function errorAsLine(fn: () => string): string {
  try {
    return fn();
  } catch (err) {
    if (isHlaError(err)) return `ERROR\t${oneLine(err.message)}`;
    throw err;
  }
}

/** As errorAsLine, writing the engine's warnings for the line (a newer or deleted name) on stderr. */
function answerOrError(engine: HlaEngine, line: string, fn: () => string): string {
  return errorAsLine(() => {
    const answer = fn();
    for (const w of engine.warnings(line)) warnLine(line, w.message);
    return answer;
  });
}

function warnLine(line: string, message: string): void {
  process.stderr.write(`warning\t${line}\t${oneLine(message)}\n`);
}

function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}
