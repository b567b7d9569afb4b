import path from 'node:path';
import { z } from 'zod';
import { type Hl7FeedConfig, parseFacilityCentres } from './hl7/feedConfig';
import type { AuditCheckpointConfig } from './services/auditCheckpoints';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

/** Environment configuration, validated at start-up with a clear message per bad variable. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  ENGRAFT_DATA_DIR: z.string().default('./data'),
  ENGRAFT_PG_POOL: z.coerce.number().int().min(1).max(1000).default(10),
  ENGRAFT_SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  ENGRAFT_SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  ENGRAFT_LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  ENGRAFT_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  ENGRAFT_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  ENGRAFT_PASSWORD_RATE_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  ENGRAFT_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/,
      'must be true, false, a hop count or a comma-separated list of proxy addresses/CIDRs'
    )
    .optional(),
  ENGRAFT_TWO_PERSON_NEW_ACCOUNT_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  ENGRAFT_SECURE_COOKIES: bool,
  ENGRAFT_WEB_DIR: z.string().optional(),
  ENGRAFT_IMGT_DIR: z.string().min(1).optional(),
  ENGRAFT_DONOR_SNAPSHOT: z.string().min(1).optional(),
  ENGRAFT_MAC_FILE: z.string().min(1).optional(),
  ENGRAFT_DONOR_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  ENGRAFT_RANK_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  ENGRAFT_REFERENCE_FETCH: z.enum(['on', 'off']).default('on'),
  ENGRAFT_IMGT_BASE_URL: z.url().optional(),
  ENGRAFT_DEMO_DONORS: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
  ENGRAFT_DEMO_FREQS: z.string().min(1).optional(),
  ENGRAFT_FIN: z
    .string()
    .regex(/^[A-NP-Z1-9][A-NP-Z0-9]{2}[0-9]{2}$/, 'must be a 5-character ICCBBA FIN, e.g. W1234')
    .optional(),
  ENGRAFT_AUDIT_KEY_FILE: z.string().min(1).optional(),
  ENGRAFT_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  ENGRAFT_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().min(0).max(1440).default(15),
  ENGRAFT_MLLP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  ENGRAFT_MLLP_HOST: z.string().min(1).optional(),
  ENGRAFT_MLLP_CENTRE: z.string().min(1).optional(),
  ENGRAFT_MLLP_FACILITIES: z.string().optional(),
  ENGRAFT_MLLP_MRN_AUTHORITY: z.string().min(1).optional(),
  ENGRAFT_MLLP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  ENGRAFT_MLLP_IDLE_SECONDS: z.coerce.number().positive().max(86_400).default(300),
  ENGRAFT_STRICT_RESPONSES: bool,
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** PostgreSQL connections per process (ENGRAFT_PG_POOL, 1–1000, default 10); the server keeps them all open. */
  databasePool?: number;
  dataDir: string;
  session: { idleMs: number; absoluteMs: number; secureCookies: boolean };
  lockout: { threshold: number; durationMs: number };
  /** Password checks (sign-in, second-person re-authentication, password change) per client address per minute. */
  loginRatePerMinute: number;
  /** Password checks per account per minute, whatever the address (default 10). */
  passwordRatePerAccountPerMinute?: number;
  /**
   * Trust X-Forwarded-For only from these proxies (Fastify `trustProxy`): true, a hop count or addresses/CIDRs.
   * Default off: the client address is the socket's, so a rotating header cannot reset the rate limit.
   */
  trustProxy?: boolean | number | string[];
  /** Two-person controls: an account created by the first person (or by the same creator) this many days ago or less cannot be the second (default 7). */
  twoPersonNewAccountDays?: number;
  webDir: string | undefined;
  /**
   * Donor search: IPD-IMGT/HLA release directory (default: newest under <dataDir>/imgt), donor index snapshot,
   * MAC dictionary (default <dataDir>/mac/numer.v3.txt) and search worker threads.
   */
  donors?: {
    imgtDir: string | undefined;
    snapshot: string | undefined;
    macFile?: string | undefined;
    threads?: number | undefined;
    /** Probability ranking worker threads (ENGRAFT_RANK_THREADS; ADR 0411): 0 none; default as DonorRegistryFiles. */
    rankThreads?: number | undefined;
    /**
     * Without a release: download one in the background (ENGRAFT_REFERENCE_FETCH, default on) from
     * ENGRAFT_IMGT_BASE_URL (default IPD-IMGT/HLA's GitHub repository); ADR 0412.
     */
    referenceFetch?: { baseUrl: string | undefined } | undefined;
    /**
     * A demo server without a snapshot generates a synthetic registry of this many donors once and caches it
     * (ENGRAFT_DEMO_DONORS, default 100,000; 0: none), sampling haplotypes from ENGRAFT_DEMO_FREQS when set.
     * Set by `engraft serve --demo` only.
     */
    demoDonors?: number | undefined;
    demoFreqs?: string | undefined;
  };
  /** The centre's ICCBBA Facility Identification Number, issuer of Chain of Identity identifiers (default: test FIN W9999). */
  fin?: string;
  /**
   * Signed audit checkpoints (ADR 0010): Ed25519 key file (default <dataDir>/audit-checkpoint-key.pem, created
   * with mode 0600), JSON-lines checkpoint file (default <dataDir>/audit-checkpoints.jsonl) and minutes between
   * checkpoints while the server runs. Absent: no checkpoints (tests).
   */
  auditCheckpoints?: AuditCheckpointConfig;
  /** HL7 v2 over MLLP from the hospital (ADR 0701): on when ENGRAFT_MLLP_PORT is set. */
  mllp?: Hl7FeedConfig;
  /**
   * Response contract in strict mode (ADR 0020; tests, browser tests, development): a field a handler returns
   * that its response schema does not declare fails the request (500) instead of being stripped silently.
   */
  strictResponses?: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let facilityCentres: Record<string, string>;
  try {
    facilityCentres = parseFacilityCentres(e.ENGRAFT_MLLP_FACILITIES);
  } catch (err) {
    throw new Error(`invalid configuration:\n  ${(err as Error).message}`);
  }
  if (e.ENGRAFT_MLLP_PORT !== undefined && !e.ENGRAFT_MLLP_CENTRE && !Object.keys(facilityCentres).length) {
    throw new Error(
      'invalid configuration:\n  ENGRAFT_MLLP_PORT: set ENGRAFT_MLLP_CENTRE or ENGRAFT_MLLP_FACILITIES (which centre the feed is for)'
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePool: e.ENGRAFT_PG_POOL,
    dataDir: e.ENGRAFT_DATA_DIR,
    session: {
      idleMs: e.ENGRAFT_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.ENGRAFT_SESSION_ABSOLUTE_HOURS * 3_600_000,
      secureCookies: e.ENGRAFT_SECURE_COOKIES ?? false,
    },
    lockout: { threshold: e.ENGRAFT_LOCKOUT_THRESHOLD, durationMs: e.ENGRAFT_LOCKOUT_MINUTES * 60_000 },
    loginRatePerMinute: e.ENGRAFT_LOGIN_RATE_PER_MINUTE,
    passwordRatePerAccountPerMinute: e.ENGRAFT_PASSWORD_RATE_PER_ACCOUNT_PER_MINUTE,
    trustProxy: parseTrustProxy(e.ENGRAFT_TRUST_PROXY),
    twoPersonNewAccountDays: e.ENGRAFT_TWO_PERSON_NEW_ACCOUNT_DAYS,
    webDir: e.ENGRAFT_WEB_DIR,
    donors: {
      imgtDir: e.ENGRAFT_IMGT_DIR,
      snapshot: e.ENGRAFT_DONOR_SNAPSHOT,
      macFile: e.ENGRAFT_MAC_FILE,
      threads: e.ENGRAFT_DONOR_THREADS,
      rankThreads: e.ENGRAFT_RANK_THREADS,
      referenceFetch: e.ENGRAFT_REFERENCE_FETCH === 'on' ? { baseUrl: e.ENGRAFT_IMGT_BASE_URL } : undefined,
      demoDonors: e.ENGRAFT_DEMO_DONORS,
      demoFreqs: e.ENGRAFT_DEMO_FREQS,
    },
    fin: e.ENGRAFT_FIN,
    // An in-memory database (tests) keeps nothing to sign unless a key file is named: no key is written to a
    // "memory:" folder in the working directory.
    ...(e.ENGRAFT_DATA_DIR === 'memory://' && !e.ENGRAFT_AUDIT_KEY_FILE
      ? {}
      : {
          auditCheckpoints: {
            keyFile: e.ENGRAFT_AUDIT_KEY_FILE ?? path.join(e.ENGRAFT_DATA_DIR, 'audit-checkpoint-key.pem'),
            file: e.ENGRAFT_AUDIT_CHECKPOINT_FILE ?? path.join(e.ENGRAFT_DATA_DIR, 'audit-checkpoints.jsonl'),
            intervalMinutes: e.ENGRAFT_AUDIT_CHECKPOINT_MINUTES,
          },
        }),
    ...(e.ENGRAFT_MLLP_PORT === undefined
      ? {}
      : {
          mllp: {
            port: e.ENGRAFT_MLLP_PORT,
            host: e.ENGRAFT_MLLP_HOST ?? e.HOST,
            defaultCentre: e.ENGRAFT_MLLP_CENTRE,
            facilityCentres,
            mrnAuthority: e.ENGRAFT_MLLP_MRN_AUTHORITY,
            maxMessageBytes: e.ENGRAFT_MLLP_MAX_BYTES,
            idleTimeoutMs: e.ENGRAFT_MLLP_IDLE_SECONDS * 1000,
          },
        }),
    strictResponses: e.ENGRAFT_STRICT_RESPONSES ?? false,
  };
}

/** ENGRAFT_TRUST_PROXY: unset or "false" → off; "true" → every hop; digits → that many hops; else a list of proxies. */
export function parseTrustProxy(v: string | undefined): boolean | number | string[] {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim());
}
