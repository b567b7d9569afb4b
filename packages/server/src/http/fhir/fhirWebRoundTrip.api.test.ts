import type { BiologicallyDerivedProduct, Bundle, FhirResource, MedicationRequest, Observation } from 'fhir/r4';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateR4 } from '../../testing/fhirValidator';
import { agvhdOrgans } from '../../testing/assessments';
import { apheresisBag } from '../../testing/labProducts';
import { patientWithEpisodes } from '../../testing/patientEpisodes';
import { addTestUser, createTestApp, DRIVERS, signedIn, signIn, type TestContext } from '../../testing/testApp';

// Round trips (issue 17 §1, ADR 0704): what the web app records through /api/v1 comes out of /fhir/R4, read by a
// FHIR client library and checked against the base R4 definitions.
type Agent = { index: number; agent: string; amountPerAdministration: number | null; unit: string };
const DIN = 'W999926123456';

describe.each(DRIVERS)('web → FHIR R4 round trips (%s)', { timeout: 120_000 }, (driver) => {
  let t: TestContext;
  let fhir: InstanceType<typeof Client>;
  let patientId = '';
  let allo = '';
  let auto = '';
  const read = async <T extends FhirResource>(resourceType: string, id: string): Promise<T> => {
    const r = (await fhir.read({ resourceType, id })) as unknown as T;
    validateR4(r);
    return r;
  };
  const search = async <T extends FhirResource>(resourceType: string, searchParams: Record<string, string>) => {
    const b = (await fhir.search({ resourceType, searchParams })) as unknown as Bundle<T>;
    validateR4(b);
    const items = (b.entry ?? []).map((e) => e.resource!);
    for (const r of items) validateR4(r);
    return items;
  };

  beforeAll(async () => {
    t = await createTestApp(driver, { today: '2026-05-04' });
    const coord = await signedIn(t, 'coordinator');
    const rui = await patientWithEpisodes(coord, {
      patient: {
        mrn: 'RT-WEB-1',
        familyName: 'Webb',
        givenName: 'Rui',
        dateOfBirth: '1964-07-30',
        sex: 'male',
        heightCm: 178,
        weightKg: 80,
      },
      diagnosis: { disease: 'AML', diagnosisDate: '2025-12-01', status: 'CR1' },
      episodes: [
        { type: 'allogeneic-hct', plannedDayZero: '2026-05-20' },
        { type: 'autologous-hct', plannedDayZero: '2026-05-20' },
      ],
    });
    patientId = rui.patientId;
    [allo, auto] = rui.episodeIds;
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const s = await signIn(t.app, 'data-manager');
    fhir = new Client({ baseUrl: `${address}/fhir/R4`, customHeaders: { cookie: s.cookie } });
  });
  afterAll(() => t.close());

  it('an acute GVHD grade recorded as the web does → Observation with the grade and the rule', async () => {
    const nurse = await signedIn(t, 'nurse');
    const organs = agvhdOrgans({ skinRashBsaPercent: 30, stoolMlPerDay: 600 });
    const res = await nurse.post(`/api/v1/episodes/${allo}/assessments/agvhd`, { assessedOn: '2026-05-03', organs });
    expect(res.statusCode, res.body).toBe(200);
    const recorded = res.json<{ id: string; grade: number; ruleId: string; explanation: string }>();
    expect(recorded.grade).toBe(2);
    const [obs, ...rest] = await search<Observation>('Observation', { patient: patientId, code: 'agvhd' });
    expect(rest).toEqual([]);
    expect(obs).toMatchObject({
      id: `agvhd-${recorded.id}`,
      effectiveDateTime: '2026-05-03',
      focus: [{ reference: `EpisodeOfCare/${allo}` }],
      valueCodeableConcept: { coding: [{ code: 'grade-2' }] },
      method: { coding: [{ code: recorded.ruleId }], text: recorded.explanation },
    });
    expect(await read<Observation>('Observation', obs!.id!)).toEqual(obs);
  });

  it('a product registered through the API → BiologicallyDerivedProduct with its ISBT 128 DIN', async () => {
    const lab = await signedIn(t, 'lab');
    const res = await lab.post(`/api/v1/episodes/${auto}/products`, apheresisBag(DIN, { productCode: 'S1295' }));
    expect(res.statusCode, res.body).toBe(201);
    const productId = res.json<{ product: { id: string } }>().product.id;
    const [found, ...rest] = await search<BiologicallyDerivedProduct>('BiologicallyDerivedProduct', {
      identifier: `https://www.isbt128.org/uri/donationidentificationnumber|${DIN}`,
    });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      id: productId,
      identifier: [{ system: 'https://www.isbt128.org/uri/donationidentificationnumber', value: DIN }],
      productCategory: 'cells',
      status: 'available',
      collection: { source: { reference: `Patient/${patientId}` } },
    });
    expect(found!.productCode!.coding![0]).toMatchObject({ code: 'S1295' });
    expect(await read<BiologicallyDerivedProduct>('BiologicallyDerivedProduct', productId)).toEqual(found);
  });

  it('a conditioning plan prescribed and verified → one MedicationRequest per agent with its dose', async () => {
    await addTestUser(t, { username: 'physician2', displayName: 'Second physician', roles: ['physician'] });
    const physician = await signedIn(t, 'physician');
    const second = await signedIn(t, 'physician2');
    const created = await physician.post(`/api/v1/episodes/${allo}/conditioning-plans`, { templateId: 'bucy2' });
    expect(created.statusCode, created.body).toBe(201);
    const planId = created.json<{ id: string }>().id;
    const proposed = await search<MedicationRequest>('MedicationRequest', { patient: patientId });
    expect(proposed.length).toBeGreaterThan(1);
    expect(proposed.map((m) => m.intent)).toEqual(proposed.map(() => 'proposal'));
    const verified = await second.post(`/api/v1/conditioning-plans/${planId}/verify`);
    expect(verified.statusCode, verified.body).toBe(200);
    const agents = verified.json<{ computed: { agents: Agent[] } }>().computed.agents;
    const requests = await search<MedicationRequest>('MedicationRequest', { patient: patientId, status: 'active' });
    expect(requests.map((m) => m.id)).toEqual(agents.map((a) => `${planId}.${a.index}`));
    for (const [i, a] of agents.entries()) {
      const m = requests[i]!;
      expect(m.intent).toBe('order');
      expect(m.medicationCodeableConcept!.coding![0]!.code).toBe(a.agent);
      expect(m.dosageInstruction![0]!.doseAndRate?.[0]?.doseQuantity).toEqual(
        a.amountPerAdministration === null
          ? undefined
          : expect.objectContaining({ value: a.amountPerAdministration, unit: a.unit })
      );
    }
    expect(agents.map((a) => a.agent)).toEqual(expect.arrayContaining(['busulfan', 'cyclophosphamide']));
  });
});
