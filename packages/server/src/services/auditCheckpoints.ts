import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../db/database';
import { EngraftError } from '../errors';
import { verifyAuditChain } from './auditTrail';

/**
 * Signed audit checkpoints (ADR 0010): the head of the chain (count, seq, hash, time) signed with an Ed25519 key
 * held outside the database and appended to a JSON-lines file. Whoever can write the database but not this key
 * cannot rewrite or truncate the trail up to a checkpoint without `verify` noticing.
 */
export interface AuditCheckpointConfig {
  /** PEM private key (PKCS#8), created on first use with mode 0600. */
  keyFile: string;
  /** Append-only JSON lines, one signed checkpoint per line. */
  file: string;
  /** Minutes between checkpoints while the server runs (0: only at start and stop). */
  intervalMinutes: number;
}

export interface AuditCheckpoint {
  v: 1;
  /** Number of events in the chain at the checkpoint. */
  count: number;
  /** seq of the count-th event (the head). */
  seq: number;
  /** Hash of the head event. */
  head: string;
  /** When the checkpoint was signed (ISO 8601, UTC). */
  at: string;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
  /** Ed25519 signature of signedText(), base64. */
  sig: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

const signedText = (c: Pick<AuditCheckpoint, 'count' | 'seq' | 'head' | 'at'>): string =>
  `engraft-audit-checkpoint v1\n${c.count}\n${c.seq}\n${c.head}\n${c.at}`;

const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

/**
 * Reads the signing key, or creates it (mode 0600, created exclusively) when `create` and it does not exist.
 * A key file that group or others may read is refused: whoever reads it can forge checkpoints.
 */
export function loadSigningKey(keyFile: string, opts: { create: boolean }): SigningKey | null {
  if (!existsSync(keyFile)) {
    if (!opts.create) return null;
    mkdirSync(path.dirname(path.resolve(keyFile)), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    const fd = openSync(keyFile, 'wx', 0o600);
    try {
      writeSync(fd, String(privateKey.export({ type: 'pkcs8', format: 'pem' })));
    } finally {
      closeSync(fd);
    }
  }
  if (process.platform !== 'win32' && (statSync(keyFile).mode & 0o077) !== 0) {
    throw new Error(
      `the audit checkpoint key ${keyFile} may be read by other users; chmod 600 it (whoever reads it can forge checkpoints)`
    );
  }
  const privateKey = createPrivateKey(readFileSync(keyFile));
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`the audit checkpoint key ${keyFile} is not an Ed25519 private key`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

export function signCheckpoint(
  key: SigningKey,
  head: { count: number; seq: number; head: string },
  at: Date
): AuditCheckpoint {
  const c = { count: head.count, seq: head.seq, head: head.head, at: at.toISOString() };
  return {
    v: 1,
    ...c,
    keyId: key.keyId,
    sig: sign(null, Buffer.from(signedText(c)), key.privateKey).toString('base64'),
  };
}

export interface CheckpointFile {
  /** Checkpoints whose signature holds, in file order. */
  checkpoints: AuditCheckpoint[];
  /** Lines that are not a checkpoint signed by this key, each with its line number. */
  problems: string[];
}

/** Reads and checks every line of the checkpoint file against the key. A missing file is an empty list. */
export function readCheckpoints(cfg: Pick<AuditCheckpointConfig, 'file' | 'keyFile'>): CheckpointFile {
  if (!existsSync(cfg.file)) return { checkpoints: [], problems: [] };
  const lines = readFileSync(cfg.file, 'utf8').split('\n');
  const key = loadSigningKey(cfg.keyFile, { create: false });
  const checkpoints: AuditCheckpoint[] = [];
  const problems: string[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `checkpoint file ${cfg.file} line ${i + 1}`;
    if (!key) {
      problems.push(`${where}: the key file ${cfg.keyFile} is missing, so the checkpoint cannot be checked`);
      return;
    }
    let c: AuditCheckpoint;
    try {
      c = JSON.parse(line) as AuditCheckpoint;
    } catch {
      problems.push(`${where}: not a JSON checkpoint`);
      return;
    }
    if (c.keyId !== key.keyId) {
      problems.push(`${where}: signed with another key (${String(c.keyId)}, this key is ${key.keyId})`);
      return;
    }
    const ok =
      Number.isInteger(c.count) &&
      Number.isInteger(c.seq) &&
      typeof c.head === 'string' &&
      typeof c.at === 'string' &&
      typeof c.sig === 'string' &&
      verify(null, Buffer.from(signedText(c)), key.publicKey, Buffer.from(c.sig, 'base64'));
    if (!ok) {
      problems.push(`${where}: the signature does not match its contents (the checkpoint was altered)`);
      return;
    }
    checkpoints.push(c);
  });
  return { checkpoints, problems };
}

export type CheckpointOutcome = { written: true; checkpoint: AuditCheckpoint } | { written: false; reason: string };

/**
 * Verifies the whole chain (hashes recomputed in Node, against the earlier checkpoints) and, when it is intact
 * and has grown since the last checkpoint, signs its head and appends the checkpoint. A broken chain is never
 * signed: that would launder the tampering.
 */
export async function writeCheckpoint(
  db: Queryable,
  cfg: AuditCheckpointConfig,
  now: Date = new Date()
): Promise<CheckpointOutcome> {
  const key = loadSigningKey(cfg.keyFile, { create: true });
  if (!key) throw new Error('unreachable: the key was just created');
  const existing = readCheckpoints(cfg);
  const res = await verifyAuditChain(db, { checkpoints: existing });
  if (!res.ok) {
    throw new EngraftError(
      'conflict',
      `the audit chain does not verify, so no checkpoint was signed: ${res.problems.join('; ')}`
    );
  }
  if (!res.head) return { written: false, reason: 'the audit trail is empty' };
  const last = existing.checkpoints.at(-1);
  if (last && last.count === res.checked && last.head === res.head.hash) {
    return { written: false, reason: `the trail has not changed since the checkpoint of ${last.at}` };
  }
  const checkpoint = signCheckpoint(key, { count: res.checked, seq: res.head.seq, head: res.head.hash }, now);
  mkdirSync(path.dirname(path.resolve(cfg.file)), { recursive: true });
  appendFileSync(cfg.file, `${JSON.stringify(checkpoint)}\n`, { flag: 'a' });
  return { written: true, checkpoint };
}
