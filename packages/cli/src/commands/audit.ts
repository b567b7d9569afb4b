import {
  loadConfig,
  openEngraftDatabase,
  readCheckpoints,
  type VerifyResult,
  verifyAuditChain,
  writeCheckpoint,
} from '@engraft/server';
import type { Command } from 'commander';
import { ADMIN_PASSWORD_ENV, requireAdmin, signIn } from '../io/serverClient';

/** Prints a verification and sets exit code 2 when the trail does not verify. */
export function reportVerification(res: VerifyResult, what = 'audit chain'): void {
  if (res.ok) {
    console.log(`${what} intact: ${res.checked} events verified`);
    const latest = res.checkpoints.latest;
    const later = res.laterCheckpoint;
    if (later) {
      console.log(
        `note: the checkpoint of ${later.at} signed ${later.count} events; this copy ends at event ${res.checked}, so the events after it are not in it`
      );
    } else if (latest) {
      console.log(
        `signed checkpoints: ${res.checkpoints.count}; the latest (${latest.at}) covers ${latest.count} events and matches`
      );
    } else {
      console.log(
        'no signed checkpoint yet: a deleted tail or a re-hashed chain could not be detected (the server signs one at start)'
      );
    }
    return;
  }
  if (res.firstBroken) {
    console.error(
      `${what} BROKEN at event #${res.firstBroken.seq}: ${res.firstBroken.problem} (${res.checked} events before it verified)`
    );
  }
  for (const p of res.problems.filter((p) => !res.firstBroken || !p.startsWith(`event #${res.firstBroken.seq}:`))) {
    console.error(`${what} problem: ${p}`);
  }
  process.exitCode = 2;
}

/** engraft audit verify | audit checkpoint */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('audit trail');
  audit
    .command('verify')
    .description(
      'recompute every hash of the audit trail, check it against the signed checkpoints and name the first broken link. While the server runs on the embedded database, add --server URL --admin NAME (password in ENGRAFT_ADMIN_PASSWORD)'
    )
    .option('--server <url>', 'ask this running Engraft server to verify instead of opening the database')
    .option('--admin <username>', 'administrator or auditor to sign in as with --server')
    .action(async (opts: { server?: string; admin?: string }) => {
      if (opts.server) {
        const session = await signIn(opts.server, requireAdmin(opts.admin), process.env[ADMIN_PASSWORD_ENV]);
        try {
          reportVerification(await session.request<VerifyResult>('GET', 'audit/verify'));
        } finally {
          await session.close();
        }
        return;
      }
      const config = loadConfig();
      const checkpoints = config.auditCheckpoints ? readCheckpoints(config.auditCheckpoints) : undefined;
      const conn = await openEngraftDatabase(config, 'engraft audit verify');
      try {
        const tty = process.stderr.isTTY;
        const res = await verifyAuditChain(conn, {
          ...(checkpoints ? { checkpoints } : {}),
          onProgress: (n) => {
            if (tty) process.stderr.write(`\rchecked ${n} events`);
          },
        });
        if (tty) process.stderr.write('\n');
        reportVerification(res);
      } finally {
        await conn.close();
      }
    });

  audit
    .command('checkpoint')
    .description(
      'verify the trail and sign a checkpoint of its head with the key in ENGRAFT_AUDIT_KEY_FILE, appended to ENGRAFT_AUDIT_CHECKPOINT_FILE (the server does this at start, every ENGRAFT_AUDIT_CHECKPOINT_MINUTES and at stop)'
    )
    .action(async () => {
      const config = loadConfig();
      if (!config.auditCheckpoints) throw new Error('audit checkpoints are not configured');
      const conn = await openEngraftDatabase(config, 'engraft audit checkpoint');
      try {
        const out = await writeCheckpoint(conn, config.auditCheckpoints);
        if (out.written) {
          console.log(
            `checkpoint signed: ${out.checkpoint.count} events, head #${out.checkpoint.seq} ${out.checkpoint.head} (${out.checkpoint.at})`
          );
        } else console.log(`no checkpoint written: ${out.reason}`);
      } finally {
        await conn.close();
      }
    });
}
