import type { Bundle, Observation } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateR4 } from '../testing/fhirValidator';
import { startTestHl7Feed, type TestHl7Feed } from '../testing/hl7Feed';
import { adt, oru, type PidInput } from '../testing/hl7Messages';
import { as, createTestApp, signIn, type TestContext } from '../testing/testApp';

// Round trip (issue 17 §1/§2): a chimerism result sent by the hospital as ORU^R01 over MLLP comes out of the FHIR
// API as a valid R4 Observation: % donor in UCUM, the cell fraction as the method, the date as sent.
const sam: PidInput = { mrn: 'HL7-CHI', family: 'Chimera', given: 'Sam', dob: '1969-02-03', sex: 'M' };

describe('HL7 v2 chimerism result → FHIR Observation', () => {
  let t: TestContext;
  let feed: TestHl7Feed;
  beforeAll(async () => {
    t = await createTestApp('pglite', { today: '2026-04-01' });
    feed = await startTestHl7Feed(t.db, '2026-04-01');
  });
  afterAll(async () => {
    await feed.close();
    await t.close();
  });

  it('stores the T-cell chimerism of an ORU^R01 and reads it back through /fhir/R4 as valid R4', async () => {
    const ack = (text: string) => feed.ackCode(text);
    expect(await ack(adt('A04', 'CHI-ADT', sam))).toBe('AA');
    expect(
      await ack(
        oru('CHI-ORU', sam, 'FIL-CHI', [
          { loinc: 'chimerism-T-cell', system: 'L', value: '87.5', unit: '%', date: '2026-03-28' },
        ])
      )
    ).toBe('AA');
    const session = await signIn(t.app, 'physician');
    const patients = (await as(t.app, session).get('/api/v1/patients?q=HL7-CHI')).json<{ items: { id: string }[] }>();
    const res = await t.app.inject({
      method: 'GET',
      url: `/fhir/R4/Observation?patient=${patients.items[0]!.id}`,
      headers: { cookie: session.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json<Bundle<Observation>>();
    validateR4(bundle);
    expect(bundle.total).toBe(1);
    const obs = bundle.entry![0]!.resource!;
    validateR4(obs);
    expect(obs.effectiveDateTime).toBe('2026-03-28');
    expect(obs.valueQuantity).toEqual({ value: 87.5, unit: '%', system: 'http://unitsofmeasure.org', code: '%' });
    expect(obs.method?.coding?.[0]).toEqual({
      system: 'https://engraft.dev/fhir/CodeSystem/chimerism-lineage',
      code: 'T-cell',
    });
    expect(obs.code.coding?.map((c) => c.code)).toContain('chimerism');
  }, 120_000);
});
