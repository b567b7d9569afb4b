import { ROLES, RoleSchema, UserCreateSchema } from '@engraft/domain';
import {
  createUser,
  DEMO_CENTRE,
  DEMO_JOURNEY_SUMMARY,
  demoAccounts,
  findOrCreateCentre,
  isSeeded,
  loadConfig,
  migrate,
  openDatabase,
  openEngraftDatabase,
  seedDemo,
  startServer,
  todayUtc,
} from '@engraft/server';
import { type Command, Option } from 'commander';
import { ADMIN_PASSWORD_ENV, requireAdmin, signIn } from '../io/serverClient';
import { readPasswordFromStdin } from '../io/stdin';
import { registerAuditCommands } from './audit';
import { registerBackupCommands } from './backup';

/** engraft serve | db migrate | users create | audit verify/checkpoint | backup | restore | demo seed */
export function registerPlatformCommands(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the API and web app (port from PORT, default 3000; database from DATABASE_URL, else embedded in ENGRAFT_DATA_DIR, default ./data)'
    )
    .option('--demo', 'seed the synthetic demo programme on an empty embedded database', false)
    .option('--quiet', 'no request log', false)
    .action(async (opts: { demo: boolean; quiet: boolean }) => {
      const started = performance.now();
      const config = loadConfig();
      const server = await startServer(config, { demo: opts.demo, logger: !opts.quiet });
      const ms = Math.round(performance.now() - started);
      console.log(`Engraft is running at ${server.url}  (${server.db.kind} database, ready in ${ms} ms)`);
      console.log(`API docs: ${server.url}/api/docs`);
      if (opts.demo && !config.databaseUrl && (server.seeded || (await isSeeded(server.db)))) {
        console.log(`\nDemo accounts (synthetic data only, centre "${DEMO_CENTRE}"):`);
        for (const a of demoAccounts()) console.log(`  ${a.username.padEnd(14)} ${a.password}`);
        console.log('\nDemo care journeys (search the MRN on Patients; day 0 is the day the demo was seeded):');
        for (const j of DEMO_JOURNEY_SUMMARY) console.log(`  ${j.mrn}  ${j.name.padEnd(23)} ${j.stage}`);
      }
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending schema migrations to the configured database')
    .action(async () => {
      const config = loadConfig();
      const conn = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        holder: 'engraft db migrate',
      });
      try {
        const res = await migrate(conn);
        console.log(res.applied.length ? `applied: ${res.applied.join(', ')}` : 'nothing to apply');
        console.log(`schema version: ${res.current ?? '(none)'}`);
      } finally {
        await conn.close();
      }
    });

  const users = program.command('users').description('local accounts');
  users
    .command('create')
    .description(
      "create a local account; the password is read from stdin (never from the command line). While the server runs on the embedded database, add --server URL --admin NAME (password in ENGRAFT_ADMIN_PASSWORD): the account is created through the API in that administrator's centre"
    )
    .requiredOption('--username <name>', 'login name (lower-case letters, digits, . _ -)')
    .requiredOption('--name <displayName>', 'name shown in the app and the audit trail')
    .addOption(new Option('--role <role...>', 'one or more roles').choices([...ROLES]).makeOptionMandatory())
    .option(
      '--centre <name>',
      "centre (programme) the roles apply to; created if new (with --server: must be the administrator's centre)"
    )
    .option('--server <url>', 'create the account through this running Engraft server instead of opening the database')
    .option('--admin <username>', 'administrator to sign in as with --server (password from ENGRAFT_ADMIN_PASSWORD)')
    .action(
      async (opts: {
        username: string;
        name: string;
        role: string[];
        centre?: string;
        server?: string;
        admin?: string;
      }) => {
        const password = await readPasswordFromStdin();
        const input = UserCreateSchema.parse({
          username: opts.username,
          displayName: opts.name,
          password,
          roles: opts.role.map((r) => RoleSchema.parse(r)),
        });
        if (opts.server) {
          const session = await signIn(opts.server, requireAdmin(opts.admin), process.env[ADMIN_PASSWORD_ENV]);
          try {
            if (opts.centre && opts.centre !== session.centre.name) {
              throw new Error(
                `--centre "${opts.centre}" is not the centre of ${opts.admin ?? ''} ("${session.centre.name}"); sign in as an administrator of that centre`
              );
            }
            const user = await session.request<{ username: string }>('POST', 'users', input);
            console.log(
              `created ${user.username} (${input.roles.join(', ')}) in ${session.centre.name} through ${opts.server}`
            );
          } finally {
            await session.close();
          }
          return;
        }
        if (!opts.centre) throw new Error("required option '--centre <name>' not specified");
        const conn = await openEngraftDatabase(loadConfig(), 'engraft users create');
        try {
          const centre = await findOrCreateCentre(conn, opts.centre);
          const user = await createUser(conn, { userId: null, username: 'cli' }, centre.id, input);
          console.log(`created ${user.username} (${input.roles.join(', ')}) in ${centre.name}`);
        } finally {
          await conn.close();
        }
      }
    );

  registerAuditCommands(program);
  registerBackupCommands(program);

  program
    .command('demo')
    .description('synthetic demo data')
    .command('seed')
    .description('seed the synthetic demo programme (demo centre, one account per role, a few dozen patients)')
    .option('--patients <n>', 'number of synthetic patients', (v) => Number.parseInt(v, 10), 48)
    .option(
      '--allow-server',
      'allow seeding a PostgreSQL server (DATABASE_URL); demo accounts are never created otherwise',
      false
    )
    .action(async (opts: { patients: number; allowServer: boolean }) => {
      const config = loadConfig();
      if (config.databaseUrl && !opts.allowServer) {
        throw new Error(
          'refusing to seed demo accounts into a PostgreSQL server (DATABASE_URL is set); pass --allow-server for a throwaway server'
        );
      }
      const conn = await openEngraftDatabase(config, 'engraft demo seed');
      try {
        if (await isSeeded(conn)) {
          console.log('the demo programme is already seeded');
          return;
        }
        const res = await seedDemo(conn, todayUtc(), { patients: opts.patients });
        console.log(`seeded ${res.patients} synthetic patients and ${demoAccounts().length} demo accounts`);
      } finally {
        await conn.close();
      }
    });
}
