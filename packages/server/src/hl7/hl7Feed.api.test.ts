import net from 'node:net';
import { dateOfDay } from '@engraft/clinical';
import type { Hl7Message } from '@medplum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHl7Feed, type TestHl7Feed } from '../testing/hl7Feed';
import { adt, merge, oru, type PidInput } from '../testing/hl7Messages';
import { addDiagnosis, addEpisode } from '../testing/patientEpisodes';
import { as, createTestApp, DRIVERS, signIn, type TestContext } from '../testing/testApp';

const DAY0 = '2026-03-01';
const d = (n: number): string => dateOfDay(DAY0, n);
const jane: PidInput = { mrn: 'HL7-100', family: 'Doe', given: 'Jane', dob: '1978-04-12', sex: 'F' };

type Ack = { code: string; text: string; errs: string[]; raw: string };
const readAck = (m: Hl7Message): Ack => ({
  code: m.getSegment('MSA')!.getField(1).toString(),
  text: m.getSegment('MSA')!.getField(3).toString(),
  errs: m
    .getAllSegments('ERR')
    .map((e) => `${e.getField(2).toString()} ${e.getField(3).getComponent(1)} ${e.getField(4).toString()}`),
  raw: m.toString(),
});

describe.each(DRIVERS)('HL7 v2 over MLLP from the hospital (%s)', (driver) => {
  let t: TestContext;
  let feed: TestHl7Feed;
  let episodeId = '';
  let patientId = '';
  const send = async (text: string): Promise<Ack> => readAck(await feed.send(text));

  beforeAll(async () => {
    t = await createTestApp(driver, { today: d(14) });
    feed = await startTestHl7Feed(t.db, d(14));
  });
  afterAll(async () => {
    await feed.close();
    await t.close();
  });

  it('ADT^A04 registers the patient by MRN: AA, and the patient is found through the API', async () => {
    const ack = await send(adt('A04', 'ADT-1', jane));
    expect(ack.code).toBe('AA');
    const coord = as(t.app, await signIn(t.app, 'coordinator'));
    const found = (await coord.get('/api/v1/patients?q=HL7-100')).json<{
      items: { id: string; familyName: string }[];
    }>();
    expect(found.items).toHaveLength(1);
    patientId = found.items[0]!.id;
    const dx = await addDiagnosis(coord, patientId, { disease: 'ALL', diagnosisDate: '2025-06-01', status: 'relapse' });
    episodeId = await addEpisode(coord, patientId, dx, { type: 'allogeneic-hct', plannedDayZero: DAY0 });
    expect(episodeId).toBeTruthy();
  });

  it('ORU^R01 results, sent out of order, reach the monitoring summary and its engraftment date', async () => {
    // Later days first: the engraftment date is derived from what is stored, whatever the order of arrival.
    const late = [11, 12, 13].map((n) => ({ loinc: '751-8', value: String(0.4 + n / 10), unit: '10*9/L', date: d(n) }));
    const early = [5, 9, 10].map((n, i) => ({
      loinc: '751-8',
      value: ['0.1', '0.3', '0.6'][i]!,
      unit: '10*9/L',
      date: d(n),
    }));
    expect((await send(oru('LAB-2', jane, 'FIL-2', late))).code).toBe('AA');
    expect(
      (await send(oru('LAB-1', jane, 'FIL-1', [...early, { loinc: '718-7', value: '81', unit: 'g/L', date: d(10) }])))
        .code
    ).toBe('AA');
    const nurse = as(t.app, await signIn(t.app, 'nurse'));
    const s = (await nurse.get(`/api/v1/episodes/${episodeId}/monitoring`)).json<{
      series: Record<string, { day: number; value: number }[]>;
      engraftment: { neutrophil: { day: number } | null };
    }>();
    expect(s.series.anc!.map((p) => p.day)).toEqual([5, 9, 10, 11, 12, 13]);
    expect(s.series.hemoglobin![0]!.value).toBe(8.1); // 81 g/L stored as 8.1 g/dL
    expect(s.engraftment.neutrophil?.day).toBe(10);
  });

  it('a replayed message gets the same ACK and stores nothing twice', async () => {
    const text = oru('LAB-3', jane, 'FIL-3', [{ loinc: '777-3', value: '25', unit: '10*9/L', date: d(12) }]);
    const first = await send(text);
    const again = await send(text);
    expect(again.raw).toBe(first.raw);
    const rows = await t.db.query<{ n: string | number }>(
      "select count(*) as n from observations where patient_id = $1 and analyte = 'platelets'",
      [patientId]
    );
    expect(Number(rows[0]!.n)).toBe(1);
    const reused = await send(text.replace('|25|', '|26|'));
    expect(reused.code).toBe('AR');
    expect(reused.errs).toEqual(['MSH^1^10 205 E']);
  });

  it('a correction (OBX-11 C) replaces the result; the late original (F) does not undo it', async () => {
    const obx = { loinc: '777-3', unit: '10*9/L', date: d(13) };
    expect((await send(oru('LAB-4', jane, 'FIL-4', [{ ...obx, value: '30' }]))).code).toBe('AA');
    expect((await send(oru('LAB-5', jane, 'FIL-4', [{ ...obx, value: '35', status: 'C' }]))).code).toBe('AA');
    const late = await send(oru('LAB-4b', jane, 'FIL-4', [{ ...obx, value: '30' }]));
    expect(late.code).toBe('AA');
    expect(late.errs).toEqual(['OBX^1^11 205 W']);
    const rows = await t.db.query<{ value: string | number }>(
      "select value from observations where patient_id = $1 and analyte = 'platelets' and observed_on = $2",
      [patientId, d(13)]
    );
    expect(rows.map((r) => Number(r.value))).toEqual([35]);
  });

  it('holds for review what it cannot store: unknown analyte, impossible or implausible value, AE with ERR per OBX', async () => {
    const ack = await send(
      oru('LAB-6', jane, 'FIL-6', [
        { loinc: '2951-2', value: '140', unit: 'mmol/L', date: d(12) },
        { loinc: '751-8', value: '5000', unit: '10*9/L', date: d(12) },
        { loinc: '751-8', value: '150', unit: '10*9/L', date: d(11) },
        { loinc: '6690-2', value: '3.1', unit: '10*9/L', date: d(12) },
        { loinc: '6690-2', value: '3.4', unit: '10*9/L', date: d(13), status: 'P' },
      ])
    );
    expect(ack.code).toBe('AE');
    expect(ack.errs).toEqual(['OBX^1^3 204 E', 'OBX^2^5 102 E', 'OBX^3^5 207 E', 'OBX^5^11 103 W']);
    const held = await t.db.query<{ kind: string }>(
      "select kind from hl7_review where status = 'open' order by segment"
    );
    expect(held.map((h) => h.kind)).toEqual(['unknown-analyte', 'invalid-value', 'needs-confirmation']);
    const wbc = await t.db.query("select 1 from observations where patient_id = $1 and analyte = 'wbc'", [patientId]);
    expect(wbc).toHaveLength(1);
  });

  it('results for an unknown MRN are kept for review, not dropped (AE, ERR on PID-3)', async () => {
    const stranger = { ...jane, mrn: 'HL7-404' };
    const ack = await send(
      oru('LAB-7', stranger, 'FIL-7', [{ loinc: '751-8', value: '1.1', unit: '10*9/L', date: d(12) }])
    );
    expect(ack.code).toBe('AE');
    expect(ack.errs).toEqual(['PID^1^3 204 E']);
    const held = await t.db.query<{ kind: string; mrn: string }>(
      "select kind, mrn from hl7_review where kind = 'unknown-patient'"
    );
    expect(held).toEqual([{ kind: 'unknown-patient', mrn: 'HL7-404' }]);
  });

  it('ADT^A08 with other demographics never overwrites them: held for review; A40 merges are held too', async () => {
    const ack = await send(adt('A08', 'ADT-2', { ...jane, family: 'Smith', dob: '1978-04-13' }));
    expect(ack.code).toBe('AE');
    expect(ack.errs).toEqual(['PID^1^5 207 E', 'PID^1^7 207 E']);
    const same = await send(adt('A08', 'ADT-3', { ...jane, family: 'DOE'.toLowerCase().replace('d', 'D') }));
    expect(same.code).toBe('AA');
    const p = await t.db.query<{ family_name: string }>('select family_name from patients where id = $1', [patientId]);
    expect(p[0]!.family_name).toBe('Doe');
    const m = await send(merge('ADT-4', jane, 'HL7-099'));
    expect(m.code).toBe('AE');
    expect(m.errs).toEqual(['MRG^1^1 207 E']);
  });

  it('refuses what it does not take with AR: another message type, a test processing id, no control id', async () => {
    const a01 = adt('A04', 'ADT-9', jane).replace('ADT^A04^ADT_A01', 'ADT^A01^ADT_A01');
    expect((await send(a01)).errs).toEqual(['MSH^1^9 201 E']);
    expect((await send(adt('A04', 'ADT-10', jane).replace('|P|2.5.1', '|T|2.5.1'))).errs).toEqual(['MSH^1^11 202 E']);
  });

  it('reads frames split across packets and several frames in one packet; answers a non-HL7 frame or one without control id with AR', async () => {
    const socket = net.connect(feed.port, '127.0.0.1');
    const acks: string[] = [];
    let buf = '';
    socket.on('data', (b: Buffer) => {
      buf += b.toString('utf8');
      const parts = buf.split('\u001c\r');
      buf = parts.pop()!;
      acks.push(...parts.map((p) => p.replace('\u000b', '')));
    });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const a = Buffer.from(`\u000b${adt('A08', 'RAW-1', jane)}\u001c\r`, 'utf8');
    socket.write(a.subarray(0, 20));
    await new Promise((r) => setTimeout(r, 50));
    const noId = adt('A04', 'X', jane).replace('|X|', '||');
    socket.write(Buffer.concat([a.subarray(20), Buffer.from(`\u000bhello\u001c\r\u000b${noId}\u001c\r`)]));
    for (let i = 0; i < 100 && acks.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    socket.destroy();
    expect(acks.map((x) => x.split('\r')[1]!.split('|').slice(0, 3).join('|'))).toEqual([
      'MSA|AA|RAW-1',
      'MSA|AR|',
      'MSA|AR|',
    ]);
    expect(acks[2]).toMatch(/ERR\|\|MSH\^1\^10\|101/);
  });
});
