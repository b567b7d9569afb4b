import { normaliseName } from '@engraft/domain';
import type { Hl7Problem } from '../hl7/ack';
import { value } from '../hl7/message';
import { nestedDatabase } from '../db/nestedDatabase';
import { type Demographics, demographicsOf, mrnOf } from '../hl7/pid';
import { EngraftError } from '../errors';
import * as repo from '../repo/hl7Inbound';
import type { Handled, HandlerContext } from './hl7Inbound';
import { createPatient } from './patients';

const FIELDS: { key: keyof Omit<Demographics, 'mrn'>; field: number; label: string }[] = [
  { key: 'familyName', field: 5, label: 'family name' },
  { key: 'givenName', field: 5, label: 'given name' },
  { key: 'dateOfBirth', field: 7, label: 'date of birth' },
  { key: 'sex', field: 8, label: 'sex' },
];

const held = (problems: Hl7Problem[], review: Handled['reviews'][number], patientId: string | null): Handled => ({
  code: 'AE',
  problems,
  reviews: [review],
  patientId,
  counts: { registered: 0, updated: 0 },
});

/**
 * ADT^A04 (register) and ADT^A08 (update patient information), HL7 v2.5.1 Chapter 3, sections 3.3.4 and 3.3.8:
 * the patient is matched by MRN (PID-3 of the configured assigning authority). A new MRN is registered through the
 * patients service (same validation, same near-duplicate check: a look-alike waits for review). For a known MRN,
 * demographics that differ from the record (name, date of birth, sex) are never written over: they wait in the
 * review queue for a person to apply or discard.
 */
export async function receiveAdt(c: HandlerContext): Promise<Handled> {
  const { message } = c.parsed;
  const pid = message.getSegment('PID');
  const read = demographicsOf(message, pid, c.mrnAuthority);
  const mrn = mrnOf(message, pid, c.mrnAuthority);
  if (!read.ok) {
    return held(
      read.problems,
      {
        kind: 'invalid-demographics',
        segment: 'PID',
        mrn,
        patientId: null,
        summary: read.problems.map((p) => p.message).join('; '),
        proposal: { pid: pid?.toString() ?? '' },
      },
      null
    );
  }
  const d = read.demographics;
  const stored = await repo.patientByMrn(c.tx, c.actor.centreId, d.mrn);
  if (!stored) {
    try {
      const p = await createPatient(nestedDatabase(c.tx, c.db.kind), c.actor, { ...d, aboRh: 'unknown' });
      return { code: 'AA', problems: [], reviews: [], patientId: p.id, counts: { registered: 1, updated: 0 } };
    } catch (err) {
      if (!(err instanceof EngraftError)) throw err;
      const message = err.errors.map((e) => e.message).join('; ') || err.message;
      return held(
        [
          {
            segment: 'PID',
            sequence: 1,
            field: 5,
            code: 205,
            severity: 'E',
            message: `PID: ${message}; held for review`,
          },
        ],
        {
          kind: 'possible-duplicate',
          segment: 'PID',
          mrn: d.mrn,
          patientId: null,
          summary: `Register MRN ${d.mrn}? ${message}`,
          proposal: { demographics: d },
        },
        null
      );
    }
  }
  const differs = FIELDS.filter((f) =>
    f.key === 'familyName' || f.key === 'givenName'
      ? normaliseName(stored[f.key]) !== d[f.key]
      : stored[f.key] !== d[f.key]
  );
  if (!differs.length) {
    return { code: 'AA', problems: [], reviews: [], patientId: stored.id, counts: { registered: 0, updated: 0 } };
  }
  const current = {
    familyName: stored.familyName,
    givenName: stored.givenName,
    dateOfBirth: stored.dateOfBirth,
    sex: stored.sex,
  };
  return held(
    differs.map((f) => ({
      segment: 'PID',
      sequence: 1,
      field: f.field,
      code: 207,
      severity: 'E',
      message: `PID-${f.field} ${f.label} differs from the record of MRN ${d.mrn}; held for review`,
    })),
    {
      kind: 'demographics-conflict',
      segment: 'PID',
      mrn: d.mrn,
      patientId: stored.id,
      summary: `MRN ${d.mrn}: ${differs.map((f) => f.label).join(', ')} differ from the record`,
      proposal: {
        current,
        proposed: { familyName: d.familyName, givenName: d.givenName, dateOfBirth: d.dateOfBirth, sex: d.sex },
        fields: differs.map((f) => f.key),
      },
    },
    stored.id
  );
}

/**
 * ADT^A40 (merge patient, identifier list; HL7 v2.5.1 Chapter 3, section 3.3.40): PID-3 holds the surviving
 * identifier, MRG-1 the retired one. A merge moves a person's whole record; Engraft never does it by itself:
 * the request waits in the review queue, where a data manager merges the records by hand and discards it.
 */
export async function receiveMerge(c: HandlerContext): Promise<Handled> {
  const { message } = c.parsed;
  const survivor = mrnOf(message, message.getSegment('PID'), c.mrnAuthority);
  const mrg = message.getSegment('MRG');
  const retired = value(message, mrg, 1, 1);
  if (!survivor || !retired) {
    const field = survivor ? { segment: 'MRG', field: 1 } : { segment: 'PID', field: 3 };
    return {
      code: 'AR',
      problems: [
        {
          ...field,
          sequence: 1,
          code: 101,
          severity: 'E',
          message: `${field.segment}-${field.field}: the ${survivor ? 'retired' : 'surviving'} MRN is missing`,
        },
      ],
      reviews: [],
      patientId: null,
      counts: {},
    };
  }
  const s = await repo.patientByMrn(c.tx, c.actor.centreId, survivor);
  const r = await repo.patientByMrn(c.tx, c.actor.centreId, retired);
  return held(
    [
      {
        segment: 'MRG',
        sequence: 1,
        field: 1,
        code: 207,
        severity: 'E',
        message: `merge of MRN ${retired} into ${survivor} held for review`,
      },
    ],
    {
      kind: 'merge',
      segment: 'MRG',
      mrn: survivor,
      patientId: s?.id ?? null,
      summary: `Merge MRN ${retired}${r ? '' : ' (not registered)'} into MRN ${survivor}${s ? '' : ' (not registered)'}`,
      proposal: {
        survivorMrn: survivor,
        retiredMrn: retired,
        survivorPatientId: s?.id ?? null,
        retiredPatientId: r?.id ?? null,
      },
    },
    s?.id ?? null
  );
}
