import { readFileSync } from 'node:fs';
import type { FrequencySetList, FrequencySetSummary } from '@engraft/domain';
import { findCentreByName, frequencySets, loadConfig, openEngraftDatabase } from '@engraft/server';
import type { Command } from 'commander';
import { ADMIN_PASSWORD_ENV, requireAdmin, signIn } from '../io/serverClient';

// `engraft donors freqs import|list` (issue 16, ADR 0411): haplotype frequency sets stored on the server. The
// same service as POST/GET /api/v1/frequency-sets; with --server URL --admin NAME through the running server
// (ADR 0009), otherwise on the configured database as the actor "cli".

interface ServerOpts {
  server?: string;
  admin?: string;
  centre?: string;
}

const line = (s: FrequencySetSummary): string =>
  [
    s.name.padEnd(16),
    `${s.loci.join('~')}`.padEnd(24),
    s.resolution.padEnd(8),
    `${s.haplotypeCount} haplotypes`.padEnd(18),
    `population ${s.population ?? '(the only one)'}`.padEnd(26),
    `sha256 ${s.sha256.slice(0, 12)}…`,
    s.isCentreDefault ? 'centre default' : '',
  ]
    .join(' ')
    .trimEnd();

async function viaServer<T>(opts: ServerOpts, run: (s: Awaited<ReturnType<typeof signIn>>) => Promise<T>) {
  const session = await signIn(opts.server ?? '', requireAdmin(opts.admin), process.env[ADMIN_PASSWORD_ENV]);
  try {
    return await run(session);
  } finally {
    await session.close();
  }
}

async function onDatabase<T>(
  command: string,
  centreName: string | undefined,
  run: (db: Awaited<ReturnType<typeof openEngraftDatabase>>, centreId: string | null) => Promise<T>
): Promise<T> {
  const db = await openEngraftDatabase(loadConfig(), command);
  try {
    let centreId: string | null = null;
    if (centreName) {
      const centre = await findCentreByName(db, centreName);
      if (!centre) throw new Error(`there is no centre named "${centreName}"`);
      centreId = centre.id;
    }
    return await run(db, centreId);
  } finally {
    await db.close();
  }
}

/** Registers `engraft donors freqs …` under `engraft donors`. */
export function registerFrequencySetCommands(donors: Command): void {
  const freqs = donors
    .command('freqs')
    .description('haplotype frequency sets stored on the server (match probabilities)');
  freqs
    .command('import <file>')
    .description(
      'import a frequency set (hap,pop,freq or Haplo,Count,Freq CSV, gzip or plain); a refusal names the line. While the server runs on the embedded database, add --server URL --admin NAME (password in ENGRAFT_ADMIN_PASSWORD)'
    )
    .requiredOption('--name <name>', 'the name searches use for the set (letters, digits, . _ -)')
    .option('--population <label>', 'population to use (required when the file holds several)')
    .option('--centre <name>', 'centre whose default set it becomes (its first set, or with --default)')
    .option('--default', "make it the centre's default set for donor searches")
    .option('--server <url>', 'import through this running Engraft server')
    .option('--admin <username>', 'administrator or HLA staff to sign in as with --server')
    .action(async (file: string, opts: ServerOpts & { name: string; population?: string; default?: boolean }) => {
      const fileBytes = readFileSync(file);
      const input = {
        name: opts.name,
        ...(opts.population ? { population: opts.population } : {}),
        ...(opts.default ? { makeDefault: true } : {}),
      };
      const summary = opts.server
        ? await viaServer(opts, (s) =>
            s.request<FrequencySetSummary>('POST', 'frequency-sets', {
              ...input,
              contentBase64: fileBytes.toString('base64'),
            })
          )
        : await onDatabase('engraft donors freqs import', opts.centre, (db, centreId) =>
            frequencySets.importFrequencySet(db, { userId: null, username: 'cli', centreId }, { ...input, fileBytes })
          );
      console.log(`imported ${line(summary)}`);
    });

  freqs
    .command('list')
    .description('the stored frequency sets (with --centre or --server: which one is the centre default)')
    .option('--centre <name>', 'centre whose default set is marked')
    .option('--server <url>', 'ask this running Engraft server')
    .option('--admin <username>', 'user to sign in as with --server')
    .action(async (opts: ServerOpts) => {
      const list = opts.server
        ? await viaServer(opts, (s) => s.request<FrequencySetList>('GET', 'frequency-sets'))
        : await onDatabase('engraft donors freqs list', opts.centre, (db, centreId) =>
            frequencySets.listFrequencySets(db, centreId)
          );
      if (list.sets.length === 0) console.log('no frequency set stored');
      for (const s of list.sets) console.log(line(s));
    });
}
