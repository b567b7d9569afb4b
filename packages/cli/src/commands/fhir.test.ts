import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findOrCreateCentre, migrate, openDatabase } from '@engraft/server';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/runCli';

describe('engraft fhir clients (API clients from the command line)', { timeout: 600_000 }, () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-cli-fhir-'));
  const env = { ENGRAFT_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a client (secret shown once, hash kept), lists it, revokes it; each audited as cli', async () => {
    // The schema and the centre are set up in-process (the CLI's own db/users commands are tested elsewhere).
    const setup = await openDatabase({ dataDir });
    await migrate(setup);
    await findOrCreateCentre(setup, 'North');
    await setup.close();
    const created = runCli(
      [
        'fhir',
        'clients',
        'create',
        '--centre',
        'North',
        '--name',
        'Registry',
        '--scope',
        'system/Patient.read',
        'system/Observation.read',
      ],
      { env }
    );
    expect(created.stdout, created.stderr).toMatch(/client_secret: /);
    const secret = /client_secret: (\S+)/.exec(created.stdout)![1]!;
    const id = /\(([0-9a-f-]{36})\)/.exec(created.stdout)![1]!;
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(runCli(['fhir', 'clients', 'list', '--centre', 'North'], { env }).stdout).toMatch(
      /Registry\s+active\s+system\/Patient.read system\/Observation.read/
    );
    expect(runCli(['fhir', 'clients', 'revoke', id, '--centre', 'North'], { env }).stdout).toMatch(/revoked/);

    const db = await openDatabase({ dataDir });
    try {
      const rows = await db.query<{ secret_hash: string }>('select secret_hash from fhir_clients');
      expect(rows[0]!.secret_hash).not.toBe(secret);
      const audit = await db.query<{ action: string }>(
        `select action from audit_events where entity_type = 'fhir-client' and actor = 'cli' order by seq`
      );
      expect(audit.map((a) => a.action)).toEqual(['create', 'revoke']);
    } finally {
      await db.close();
    }
  });
});
