import { FHIR_RESOURCE_TYPES } from '@engraft/domain';
import type { Bundle, FhirResource } from 'fhir/r4';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { demoAccounts, seedDemo } from '../../demo/seed';
import { type App, buildApp } from '../app';
import { as, signIn, testConfig } from '../../testing/testApp';
import { validateR4 } from '../../testing/fhirValidator';

const TODAY = '2026-03-15';
const asBundle = (x: unknown): Bundle<FhirResource> => x as Bundle<FhirResource>;

/** The demo's allograft journey ends with a released bag: infuse it through the API (bedside check, second person, start). */
async function infuseDemoAllograft(app: App, db: Database): Promise<void> {
  const [bag] = await db.query<{ din: string; product_code: string; division: string; episode_id: string }>(
    `select p.din, p.product_code, p.division, p.episode_id::text from products p join patients pa on pa.id = p.patient_id
     where pa.mrn = 'SYN-INF-03' and p.status = 'released'`
  );
  const account = (u: string) => demoAccounts().find((a) => a.username === u)!;
  const nurse = as(app, await signIn(app, 'nurse', account('nurse').password));
  const physician = as(app, await signIn(app, 'physician', account('physician').password));
  const check = await nurse.post(`/api/v1/episodes/${bag!.episode_id}/bedside-checks`, {
    mrn: 'SYN-INF-03',
    din: bag!.din,
    productCode: bag!.product_code,
    division: bag!.division,
  });
  expect(check.statusCode, check.body).toBe(201);
  const checkId = check.json<{ id: string }>().id;
  expect((await physician.post(`/api/v1/bedside-checks/${checkId}/confirm`, {})).statusCode).toBe(200);
  const started = await nurse.post(`/api/v1/bedside-checks/${checkId}/infusion`, { startedAt: `${TODAY}T09:30:00Z` });
  expect(started.statusCode, started.body).toBe(201);
}

/** A verified demo plan's first dose, recorded by a nurse (MedicationAdministration has data to validate). */
async function recordDemoDose(app: App, db: Database): Promise<void> {
  type Computed = {
    days: { day: number; items: { agentIndex: number; unit: string; amountPerAdministration: number | null }[] }[];
  };
  const [plan] = await db.query<{ id: string; computed: string | Computed }>(
    `select id::text, computed from conditioning_plans where status = 'active' order by created_at limit 1`
  );
  const computed: Computed =
    typeof plan!.computed === 'string' ? (JSON.parse(plan!.computed) as Computed) : plan!.computed;
  const day = computed.days.find((d) => d.items.length)!;
  const item = day.items[0]!;
  const account = demoAccounts().find((a) => a.username === 'nurse')!;
  const nurse = as(app, await signIn(app, 'nurse', account.password));
  const res = await nurse.post(`/api/v1/conditioning-plans/${plan!.id}/administrations`, {
    agentIndex: item.agentIndex,
    day: day.day,
    outcome: 'as-planned',
    unit: item.unit,
    amount: item.amountPerAdministration,
    startedAt: `${TODAY}T08:00:00Z`,
  });
  expect(res.statusCode, res.body).toBe(201);
}

/**
 * A FHIR client library (fhir-kit-client, not our code) reads the synthetic demo programme from a listening
 * server through search and paging; every resource it receives is validated against the base R4
 * StructureDefinitions.
 */
describe(
  'FHIR R4 API conformance: a FHIR client reads the demo programme, every resource valid R4',
  { timeout: 120_000 },
  () => {
    let app: App;
    let db: Database;
    let client: InstanceType<typeof Client>;
    const seen = new Map<string, FhirResource[]>();
    beforeAll(async () => {
      db = await openDatabase({ dataDir: 'memory://' });
      await migrate(db);
      await seedDemo(db, TODAY, { patients: 8 });
      app = await buildApp({ db, config: testConfig(), today: () => TODAY });
      await infuseDemoAllograft(app, db);
      await recordDemoDose(app, db);
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const acc = demoAccounts().find((a) => a.username === 'data-manager')!;
      const s = await signIn(app, acc.username, acc.password);
      client = new Client({ baseUrl: `${address}/fhir/R4`, customHeaders: { cookie: s.cookie } });
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('reads the CapabilityStatement, which is valid R4 and lists every served type', async () => {
      const cs = (await client.capabilityStatement()) as unknown as FhirResource;
      validateR4(cs);
      expect((cs as { rest: { resource: { type: string }[] }[] }).rest[0]!.resource.map((r) => r.type)).toEqual([
        ...FHIR_RESOURCE_TYPES,
      ]);
    });

    it.each(FHIR_RESOURCE_TYPES)('searches %s page by page (next links), every resource valid R4', async (type) => {
      let bundle = asBundle(await client.search({ resourceType: type, searchParams: { _count: 7 } }));
      validateR4(bundle);
      const total = bundle.total!;
      const got: FhirResource[] = [];
      for (let pages = 0; ; pages++) {
        for (const e of bundle.entry ?? []) {
          validateR4(e.resource!);
          got.push(e.resource!);
        }
        if (!bundle.link?.some((l) => l.relation === 'next')) break;
        expect(pages).toBeLessThan(1000);
        bundle = asBundle(await client.nextPage({ bundle: bundle as never }));
      }
      expect(got).toHaveLength(total);
      expect(new Set(got.map((r) => r.id)).size).toBe(total);
      seen.set(type, got);
      // The demo has data of every type (so this test cannot pass on empty lists).
      expect(total, type).toBeGreaterThan(0);
    });

    it('reads each resource back by id, equal to what the search returned', async () => {
      for (const [type, resources] of seen) {
        for (const r of resources.slice(0, 3)) {
          expect(await client.read({ resourceType: type, id: r.id! })).toEqual(r);
        }
      }
    });

    it('gives grades and engraftment dates with the rule that computed them, and products with their ISBT 128 DIN', () => {
      const grades = (seen.get('Observation') ?? []).filter((o) => o.resourceType === 'Observation' && o.method);
      expect(grades.length).toBeGreaterThan(0);
      // Engraftment dates of the demo's infused episodes (ADR 0704), read and validated with the rest.
      const engraftment = grades.filter((o) => o.resourceType === 'Observation' && o.valueDateTime);
      expect(engraftment.map((o) => o.id!.replace(/[0-9a-f-]{36}$/, ''))).toEqual(
        expect.arrayContaining(['anc-engraftment-', 'plt-engraftment-'])
      );
      const products = seen.get('BiologicallyDerivedProduct') ?? [];
      for (const p of products) {
        expect(p.resourceType === 'BiologicallyDerivedProduct' && p.identifier![0]!.value).toMatch(/^[A-Z0-9]{13}$/);
      }
    });

    it('returns Patient/$everything as a valid Bundle of the patient’s resources', async () => {
      const patient = seen.get('Patient')![0]!;
      const bundle = asBundle(
        await client.operation({ name: '$everything', resourceType: 'Patient', id: patient.id!, method: 'GET' })
      );
      validateR4(bundle);
      for (const e of bundle.entry ?? []) validateR4(e.resource!);
      expect(bundle.entry![0]!.resource!.id).toBe(patient.id);
    });
  }
);
