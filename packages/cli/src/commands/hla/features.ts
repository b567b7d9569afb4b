import type { Command } from 'commander';
import { Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CiwdCategory, CiwdPopulation, HlaEngine } from '@engraft/hla';
import {
  CIWD_CATEGORIES,
  CIWD_POPULATIONS,
  CwdReducer,
  HlaError,
  checkDrbx,
  encodeAlleleList,
  parseCwdTable,
  serologyLookup,
} from '@engraft/hla';
import { readStdinLines, runBatch } from './batch';
import { dataDir } from './dataDir';
import type { DataOptions } from '../hla';

/** What the feature commands borrow from `engraft hla` (data options, engine, error lines). */
export interface HlaCommandKit {
  withDataOptions(command: Command): Command;
  openEngine(opts: DataOptions): HlaEngine;
  answerOrError(fn: () => string): string;
}

/** `engraft hla mac-encode|serology|cwd|drbx`: the py-ard 2.3.1 functions beyond reduce/expand/validate. */
export function registerHlaFeatureCommands(hla: Command, kit: HlaCommandKit): void {
  kit
    .withDataOptions(
      hla
        .command('mac-encode')
        .description('encode each allele list (A*01:01/A*01:02) as a MAC: writes <input>\\t<MAC> or <input>\\tNONE')
    )
    .action(async (opts: DataOptions) => {
      const engine = kit.openEngine(opts);
      runBatch(await readStdinLines(), (line) => kit.answerOrError(() => encodeAlleleList(engine, line).mac ?? 'NONE'));
    });

  kit
    .withDataOptions(
      hla
        .command('serology')
        .argument('[antigens...]', 'antigens such as A9, B44, DR52 (default: one per line on stdin)')
        .description(
          'XX codes, broad, splits, siblings and associated antigens of each antigen: ' +
            '<antigen>\\t<XX codes>\\tbroad <b>\\tsplits <s>\\tsiblings <s>\\tassociated <a> (- when none)'
        )
        .option('--json', 'one JSON object per antigen')
    )
    .action(async (antigens: string[], opts: DataOptions & { json?: boolean }) => {
      const engine = kit.openEngine(opts);
      const lines = antigens.length > 0 ? antigens : await readStdinLines();
      runBatch(lines, (antigen) =>
        kit.answerOrError(() => {
          const s = serologyLookup(engine.release, antigen);
          if (opts.json) return JSON.stringify(s);
          const list = (xs: readonly string[]): string => (xs.length > 0 ? xs.join('/') : '-');
          return [
            s.xx || '-',
            `broad ${s.broad ?? '-'}`,
            `splits ${list(s.splits)}`,
            `siblings ${list(s.siblings)}`,
            `associated ${list(s.associated)}${s.associatedWith ? ` (of ${s.associatedWith})` : ''}`,
          ].join('\t');
        })
      );
    });

  kit
    .withDataOptions(
      hla
        .command('cwd')
        .description(
          'reduce each typing to its common and well-documented alleles (lgx): writes <input>\\t<GL string>, ' +
            'plus \\twithout CWD <lists> when a list has no CWD member (kept whole)'
        )
        .option('--cwd-file <file>', 'CWD2.csv or ciwd.3.0.0.csv (default: <data dir>/ciwd/CWD2.csv)')
        .addOption(new Option('--population <column>', 'CIWD 3.0 column').choices([...CIWD_POPULATIONS]))
        .option('--categories <list>', 'CIWD 3.0 categories kept, comma-separated (default C,I,WD)')
    )
    .action(async (opts: DataOptions & { cwdFile?: string; population?: CiwdPopulation; categories?: string }) => {
      const engine = kit.openEngine(opts);
      const file = opts.cwdFile ?? join(dataDir(), 'ciwd', 'CWD2.csv');
      if (!existsSync(file)) throw new Error(`no CWD table at ${file}: pass --cwd-file FILE`);
      const categories = opts.categories?.split(',');
      for (const c of categories ?? []) {
        if (!(CIWD_CATEGORIES as readonly string[]).includes(c)) {
          throw new HlaError('syntax', c, `--categories: '${c}' is not one of ${CIWD_CATEGORIES.join(', ')}`);
        }
      }
      const table = parseCwdTable(readFileSync(file, 'utf8'), {
        ...(opts.population ? { population: opts.population } : {}),
        ...(categories ? { categories: categories as CiwdCategory[] } : {}),
      });
      const reducer = new CwdReducer(engine, table);
      runBatch(await readStdinLines(), (line) =>
        kit.answerOrError(() => {
          const r = reducer.reduce(line);
          return r.withoutCwd.length > 0 ? `${r.gl}\twithout CWD ${r.withoutCwd.join(' ')}` : r.gl;
        })
      );
    });

  kit
    .withDataOptions(
      hla
        .command('drbx')
        .description(
          'check DRB3/4/5 against the DR groups of DRB1 in each multi-locus typing: writes ' +
            '<input>\\tagrees|disagrees|not typed\\t<expected DRB3/4/5 genotype>[\\t<findings>]'
        )
    )
    .action(async (opts: DataOptions) => {
      const engine = kit.openEngine(opts);
      runBatch(await readStdinLines(), (line) =>
        kit.answerOrError(() => {
          const valid = engine.validate(line);
          if (!valid.valid) throw valid.error;
          const check = checkDrbx(line);
          if (!check.typed) return 'not typed';
          const verdict = check.findings.length === 0 ? 'agrees' : 'disagrees';
          const out = [verdict, check.blended ?? ''];
          if (check.findings.length > 0) out.push(check.findings.map((f) => f.message).join('; '));
          return out.join('\t');
        })
      );
    });
}
