import type { FhirResource } from 'fhir/r4';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { demoAccounts, seedDemo } from '../../demo/seed';
import { EVERYTHING_TYPES } from '../../services/fhir';
import { validateR4 } from '../../testing/fhirValidator';
import { signIn, testConfig } from '../../testing/testApp';
import { type App, buildApp } from '../app';

const TODAY = '2026-03-15';

/**
 * Issue 17 "Done when": a FHIR client can bulk-export a centre's data, every resource valid R4. A FHIR client
 * library (fhir-kit-client, not our code) kicks the export off and polls its status as a Bulk Data client does
 * (Bulk Data Access IG 2.0.0); the NDJSON files are fetched as files, and every line is validated against the base
 * R4 StructureDefinitions and compared with what a search returns.
 */
describe('Bulk Data $export of the demo centre through a FHIR client, every resource valid R4', () => {
  let app: App;
  let db: Database;
  let client: InstanceType<typeof Client>;
  let cookie = '';
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    await seedDemo(db, TODAY, { patients: 8 });
    app = await buildApp({ db, config: testConfig(), today: () => TODAY });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const acc = demoAccounts().find((a) => a.username === 'data-manager')!;
    cookie = (await signIn(app, acc.username, acc.password)).cookie;
    client = new Client({ baseUrl: `${address}/fhir/R4`, customHeaders: { cookie } });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('kicks off, polls to the manifest, and every NDJSON line is valid R4 and what a search gives', async () => {
    const kickOff = await client.operation({
      name: '$export',
      resourceType: 'Patient',
      method: 'GET',
      options: { headers: { prefer: 'respond-async', accept: 'application/fhir+json' } },
    });
    const accepted = Client.httpFor(kickOff).response!;
    expect(accepted.status).toBe(202);
    const statusUrl = accepted.headers.get('content-location')!;
    let manifest: { output?: { type: string; url: string; count: number }[] } = {};
    for (let i = 0; i < 600; i++) {
      const polled = await client.request(statusUrl);
      if (Client.httpFor(polled).response!.status === 200) {
        manifest = polled as never;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const output = manifest.output ?? [];
    // The patient-data types the seeded demo holds (no infusion or dose is recorded in it before day 0 here),
    // and each file's count is its number of lines.
    const types = new Set(output.map((o) => o.type));
    expect([...types].every((t) => (EVERYTHING_TYPES as readonly string[]).includes(t))).toBe(true);
    for (const t of ['Patient', 'Condition', 'EpisodeOfCare', 'Observation', 'BiologicallyDerivedProduct']) {
      expect(types.has(t), t).toBe(true);
    }
    for (const t of ['MedicationRequest', 'Specimen']) expect(types.has(t), t).toBe(true);
    const ids: string[] = [];
    for (const file of output) {
      const res = await fetch(file.url, { headers: { cookie, accept: 'application/fhir+ndjson' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+ndjson/);
      const lines = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as FhirResource);
      expect(lines).toHaveLength(file.count);
      for (const r of lines) {
        ids.push(r.id!);
        expect(r.resourceType).toBe(file.type);
        validateR4(r);
      }
      // The export holds what a search of the same type holds (same ids, same content for the first).
      const searched = (await client.search({
        resourceType: file.type,
        searchParams: { _count: 1, _id: lines[0]!.id! },
      })) as unknown as { entry: { resource: FhirResource }[] };
      expect(searched.entry[0]!.resource).toEqual(lines[0]);
    }
    // Engraftment dates of the demo's infused episodes are exported with the lab results (ADR 0704).
    expect(ids.filter((id) => /^(anc|plt)-engraftment-/.test(id)).length).toBeGreaterThan(0);
  }, 180_000);
});
