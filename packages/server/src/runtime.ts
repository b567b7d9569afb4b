import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { seedDemoSearchWhenReady } from './demo/demoSearch';
import { isSeeded, seedDemo } from './demo/seed';
import { type App, buildApp } from './http/app';
import { startHl7Feed } from './hl7/feed';
import type { MllpListener } from './hl7/mllpListener';
import { type AuditCheckpointConfig, writeCheckpoint } from './services/auditCheckpoints';
import { recoverLabImports } from './services/labImport';
import { type StartPhases, startPhases } from './startPhases';

/** The centre's calendar date (UTC until centres carry their own time zone). */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * Opens the configured database and applies pending migrations. `holder` names the opener ('server' or the CLI
 * command) in the refusal a second process gets while this one holds the embedded data directory.
 */
export async function openEngraftDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePool'>,
  holder?: string,
  initialImage?: () => Uint8Array | undefined,
  phases: StartPhases = startPhases(false)
): Promise<Database> {
  // The server keeps its PostgreSQL connections open (a burst after a quiet spell never waits for new backends).
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    holder,
    initialImage,
    warmPool: holder === 'server',
    poolSize: config.databasePool,
  });
  phases.mark('database open');
  try {
    await migrate(db);
    phases.mark('migrations checked');
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

export interface RunningServer {
  app: App;
  db: Database;
  url: string;
  seeded: boolean;
  /** The MLLP listener, when ENGRAFT_MLLP_PORT is set. */
  mllp?: MllpListener;
  close(): Promise<void>;
}

/**
 * Starts Engraft: database, migrations, the demo programme on an empty embedded database (never on a
 * PostgreSQL server), then HTTP.
 */
export async function startServer(config: Config, opts: { demo: boolean; logger?: boolean }): Promise<RunningServer> {
  // With the demo, a new embedded data directory starts from the image seeded at build time when that was today.
  const phases = startPhases();
  phases.mark('modules loaded');
  const today = todayUtc();
  const images = opts.demo && !config.databaseUrl ? await import('./db/pgliteImage') : undefined;
  const demoImage = images && (() => images.readDemoPgliteImage(today) ?? images.readPgliteImage());
  const db = await openEngraftDatabase(config, 'server', demoImage, phases);
  // Lab imports that were being written when the server last stopped: never visible, removed (ADR 0014).
  await recoverLabImports(db);
  phases.mark('lab imports recovered');
  let seeded = false;
  if (opts.demo && !config.databaseUrl && !(await isSeeded(db))) {
    phases.mark('demo not seeded yet');
    await seedDemo(db, today);
    seeded = true;
  }
  phases.mark('demo seeded (or was)');
  // The synthetic demo registry (ADR 0412) only on a demo server's embedded database, never beside real records.
  const demo = opts.demo && !config.databaseUrl;
  const serverConfig: Config =
    demo || !config.donors ? config : { ...config, donors: { ...config.donors, demoDonors: undefined } };
  const app = await buildApp({ db, config: serverConfig, today: todayUtc, logger: opts.logger ?? false });
  phases.mark('app built');
  // The demo patient's saved donor search, made once the registry is ready (the seed runs before it is).
  const demoSearch = demo ? seedDemoSearchWhenReady(db, app.donorRegistry, todayUtc) : undefined;
  await app.listen({ port: config.port, host: config.host });
  phases.mark('listening');
  // The start's audit checkpoint verifies the whole chain before it signs (~0.1 s of the main thread on the demo):
  // begun once the server listens, so it runs beside the first requests instead of before them (issue 15 §4). It
  // was never a gate: a chain that does not verify is reported on stderr and not signed, as before.
  const checkpoints = config.auditCheckpoints ? startAuditCheckpoints(db, config.auditCheckpoints) : undefined;
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const mllp = config.mllp ? await startHl7Feed(db, config.mllp, todayUtc) : undefined;
  return {
    app,
    db,
    seeded,
    url: `http://${host}:${port}`,
    ...(mllp ? { mllp } : {}),
    close: async () => {
      // The feed first: messages being handled finish and are acknowledged while the database is still open.
      await mllp?.close();
      demoSearch?.stop();
      await app.close();
      await checkpoints?.stop();
      await db.close();
    },
  };
}

/**
 * Signs an audit checkpoint at start, every `intervalMinutes` and at stop (ADR 0010). A chain that does not
 * verify is never signed; the refusal is written to stderr (it names event numbers, never patient data).
 */
export function startAuditCheckpoints(db: Database, cfg: AuditCheckpointConfig): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = (): void => {
    running = running
      .then(() => writeCheckpoint(db, cfg))
      .catch((err: unknown) => {
        process.stderr.write(`engraft: audit checkpoint: ${err instanceof Error ? err.message : String(err)}\n`);
      });
  };
  tick();
  const timer = cfg.intervalMinutes > 0 ? setInterval(tick, cfg.intervalMinutes * 60_000) : undefined;
  timer?.unref();
  return {
    stop: async () => {
      if (timer) clearInterval(timer);
      tick();
      await running;
    },
  };
}
