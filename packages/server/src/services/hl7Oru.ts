import type { Hl7Message } from '@medplum/core';
import type { ObservationCreate } from '@engraft/domain';
import type { Hl7Problem } from '../hl7/ack';
import { nestedDatabase } from '../db/nestedDatabase';
import { type LabLine, readOruLines } from '../hl7/oru';
import { mrnOf } from '../hl7/pid';
import { EngraftError } from '../errors';
import type * as repo from '../repo/hl7Inbound';
import * as monitoringRepo from '../repo/monitoring';
import type { Handled, HandlerContext } from './hl7Inbound';
import { correctObservation } from './labCorrections';
import { toInsert } from './monitoring';

type Result = Extract<LabLine, { kind: 'result' }>;

/** A result as kept in a review item, to be applied later as it would have been. */
export const proposedResult = (r: Result) => ({ obx: r.obx, key: r.key, status: r.status, observation: r.observation });

/** The message's lines, read once per message (the look-up before the handler needs their result keys). */
const read = new WeakMap<Hl7Message, LabLine[]>();
const linesOf = (message: Hl7Message): LabLine[] => {
  const lines = read.get(message) ?? readOruLines(message);
  read.set(message, lines);
  return lines;
};

/** The result keys (OBR-3 filler order, OBX-3, OBX-4) an ORU^R01 names, read before its transaction's look-up. */
export const oruResultKeys = (message: Hl7Message): string[] =>
  linesOf(message).flatMap((l) => (l.kind === 'result' && l.key ? [l.key] : []));

/**
 * ORU^R01 unsolicited observation results (HL7 v2.5.1 Chapter 7, section 7.3.1): every OBX is read against the
 * analytes (LOINC, unit, possible range, date rules: `readOruLines`) and stored in the same observations table as
 * CSV and FHIR imports, so engraftment, graft failure, chimerism and the worklist follow on read (ADR 0006). What
 * cannot be stored by itself (unknown patient or analyte, impossible value, a value outside the usual range that
 * needs a person's reason, a result dated before birth) waits in the review queue; nothing is dropped. A
 * correction (OBX-11 C) replaces the result it corrects; a late original (F after C) does not undo it.
 */
export async function receiveOru(c: HandlerContext): Promise<Handled> {
  const { message, header } = c.parsed;
  const mrn = mrnOf(message, message.getSegment('PID'), c.mrnAuthority);
  const lines = linesOf(message);
  const problems: Hl7Problem[] = lines.flatMap((l) => (l.kind === 'skipped' || l.kind === 'held' ? [l.problem] : []));
  const patient = mrn ? c.lookup.patient : undefined;
  const results = lines.filter((l): l is Result => l.kind === 'result');
  if (!patient) {
    const reason = mrn
      ? `MRN ${mrn} is not registered in this centre`
      : `PID-3 has no MRN${c.mrnAuthority ? ` of assigning authority ${c.mrnAuthority}` : ''}`;
    return {
      code: 'AE',
      problems: [
        {
          segment: 'PID',
          sequence: 1,
          field: 3,
          code: 204,
          severity: 'E',
          message: `${reason}; results held for review`,
        },
        ...problems,
      ],
      reviews: [
        {
          kind: 'unknown-patient',
          segment: 'PID',
          mrn,
          patientId: null,
          summary: `${results.length} result(s) for ${reason}`,
          proposal: {
            results: results.map(proposedResult),
            held: lines.flatMap((l) => (l.kind === 'held' ? [l.problem.message] : [])),
          },
        },
      ],
      patientId: null,
      counts: { inserted: 0, corrected: 0 },
    };
  }
  const reviews: Handled['reviews'] = lines.flatMap((l) =>
    l.kind === 'held'
      ? [
          {
            kind: l.reason,
            segment: `OBX ${l.obx}`,
            mrn,
            patientId: patient.id,
            summary: l.problem.message,
            proposal: { obx: l.text },
          },
        ]
      : []
  );
  const keys = c.lookup.resultKeys;
  const who = { centreId: c.actor.centreId, patientId: patient.id, userId: null };
  let inserted = 0;
  let corrected = 0;
  const recorded: repo.ResultKey[] = [];
  const fresh: Result[] = [];
  const hold = (r: Result, kind: string, message: string, field = 5) => {
    problems.push({
      segment: 'OBX',
      sequence: r.obx,
      field,
      code: 207,
      severity: 'E',
      message: `OBX ${r.obx}: ${message}; held for review`,
    });
    reviews.push({
      kind,
      segment: `OBX ${r.obx}`,
      mrn,
      patientId: patient.id,
      summary: `OBX ${r.obx}: ${message}`,
      proposal: { result: proposedResult(r) },
    });
  };
  const info = (r: Result, message: string, severity: 'W' | 'I' = 'I') =>
    problems.push({
      segment: 'OBX',
      sequence: r.obx,
      field: 11,
      code: 205,
      severity,
      message: `OBX ${r.obx}: ${message}`,
    });
  for (const r of results) {
    const o: ObservationCreate = r.observation;
    if (o.observedOn < patient.dateOfBirth) {
      hold(r, 'invalid-value', `${o.observedOn} is before the patient's date of birth`, 14);
      continue;
    }
    if (r.finding) {
      hold(r, 'needs-confirmation', `${r.finding.message}: a person confirms it with a reason`);
      continue;
    }
    const known = r.key ? keys.get(r.key) : undefined;
    if (known && r.status === 'F') {
      info(
        r,
        known.status === 'C' ? 'a correction of this result was received first: not overwritten' : 'already recorded',
        known.status === 'C' ? 'W' : 'I'
      );
      continue;
    }
    if (known && !known.observationId) {
      hold(r, 'not-stored', 'the result this message refers to was deleted in Engraft');
      continue;
    }
    if (known?.observationId && r.status === 'C') {
      try {
        await correctObservation(nestedDatabase(c.tx, c.db.kind), c.actor, known.observationId, {
          observedOn: o.observedOn,
          value: o.value,
          unit: o.unit,
          lineage: o.lineage ?? null,
          reason: `corrected by the laboratory (HL7 message ${header.controlId})`,
        });
        corrected++;
      } catch (err) {
        if (!(err instanceof EngraftError)) throw err;
        if (err.kind === 'invalid') info(r, 'correction equal to the recorded result');
        else hold(r, 'invalid-value', err.message);
        continue;
      }
      recorded.push({ resultKey: r.key!, observationId: known.observationId, status: 'C' });
      continue;
    }
    fresh.push(r);
  }
  // New results of the message in one statement (the lab import's batch insert).
  const savedIds = await monitoringRepo.insertObservationRows(
    c.tx,
    who,
    fresh.map((r) => toInsert(r.observation, 'hl7'))
  );
  fresh.forEach((r, i) => {
    const id = savedIds[i];
    if (!id) info(r, 'this result is already recorded');
    else inserted++;
    if (r.key && id) recorded.push({ resultKey: r.key, observationId: id, status: r.status });
  });
  const code = problems.some((p) => p.severity === 'E') ? 'AE' : 'AA';
  problems.sort((a, b) => a.sequence - b.sequence);
  return { code, problems, reviews, resultKeys: recorded, patientId: patient.id, counts: { inserted, corrected } };
}
