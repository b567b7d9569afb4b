import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { isHmlError, parseHml } from '@engraft/hla';
import type { DataOptions } from '../hla';
import { dataDir, newestCachedRelease } from './dataDir';
import type { HlaCommandKit } from './features';

/** `engraft hla hml FILE`: the typings of an HML 1.0.x file as `sampleId%GL` lines (or JSON). */
export function registerHmlCommand(hla: Command, kit: HlaCommandKit): void {
  kit
    .withDataOptions(
      hla
        .command('hml')
        .argument('<file>', 'HML 1.0.x file (the XML HLA laboratories send)')
        .description(
          'print the HLA typing of each sample as <sample id>%<GL string>; names are validated against the ' +
            'release when one is available (--imgt-dir or the data directory)'
        )
        .option('--json', 'print the whole reading as JSON: samples, loci, methods, releases, lines')
    )
    .action((file: string, opts: DataOptions & { json?: boolean }) => {
      const withRelease = opts.imgtDir !== undefined || newestCachedRelease(dataDir()) !== undefined;
      if (!withRelease) console.error('no IPD-IMGT/HLA release found: names are checked for syntax only');
      const engine = withRelease ? kit.openEngine(opts) : undefined;
      try {
        const doc = parseHml(readFileSync(file, 'utf8'), engine ? { engine } : {});
        if (opts.json) console.log(JSON.stringify(doc, null, 2));
        else for (const sample of doc.samples) console.log(`${sample.id}%${sample.gl}`);
      } catch (err) {
        if (!isHmlError(err)) throw err;
        console.error(`${file}: ${err.message}`);
        process.exitCode = 1;
      }
    });
}
