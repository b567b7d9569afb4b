import type { Bundle, FhirResource, Patient, Reference } from 'fhir/r4';
import type { Database, Queryable } from '../db/database';
import { notFound } from '../errors';
import {
  type DiagnosisRow,
  type EpisodeRow,
  type InfusionRow,
  toCondition,
  toEpisodeOfCare,
  toProcedure,
} from '../fhir/map/episode';
import { type PlanAgentRow, toMedicationRequest } from '../fhir/map/medication';
import { type AdministrationRow, toMedicationAdministration } from '../fhir/map/medicationAdministration';
import { type GradeRow, LAB_PREFIX, type LabRow, toGradeObservation, toLabObservation } from '../fhir/map/observation';
import { type PatientRow, type PractitionerRow, toPatient, toPractitioner } from '../fhir/map/patient';
import { type ProductRow, toBiologicallyDerivedProduct } from '../fhir/map/product';
import { type CollectionRow, toSpecimen } from '../fhir/map/specimen';
import { parseEngraftmentId } from '../fhir/map/engraftment';
import { type FhirType, PATIENT_LINKED, type ParsedSearch } from '../fhir/search/params';
import { type Actor, appendAudit } from '../repo/auditLog';
import { type FhirFilter, SOURCES, searchSource } from '../repo/fhirSearch';
import { searchEngraftment } from './fhirEngraftment';

/** Who reads through the FHIR API: a signed-in user, or an API client (system access) of one centre. */
export type FhirActor = Actor & { centreId: string };

export interface SearchResult {
  matches: FhirResource[];
  included: FhirResource[];
  total: number;
}

type Mapper = (rows: object[]) => FhirResource[];
const map =
  <R>(f: (r: R) => FhirResource | FhirResource[]): Mapper =>
  (rows) =>
    rows.flatMap((r) => f(r as R));

const SIMPLE: Record<Exclude<FhirType, 'Observation'>, { source: keyof typeof SOURCES; map: Mapper }> = {
  Patient: { source: 'Patient', map: map<PatientRow>(toPatient) },
  Condition: { source: 'Condition', map: map<DiagnosisRow>(toCondition) },
  EpisodeOfCare: { source: 'EpisodeOfCare', map: map<EpisodeRow>(toEpisodeOfCare) },
  Procedure: { source: 'Procedure', map: map<InfusionRow>(toProcedure) },
  BiologicallyDerivedProduct: {
    source: 'BiologicallyDerivedProduct',
    map: map<ProductRow>(toBiologicallyDerivedProduct),
  },
  MedicationRequest: { source: 'MedicationRequest', map: map<PlanAgentRow>(toMedicationRequest) },
  MedicationAdministration: {
    source: 'MedicationAdministration',
    map: map<AdministrationRow>(toMedicationAdministration),
  },
  Specimen: { source: 'Specimen', map: map<CollectionRow>(toSpecimen) },
  Practitioner: { source: 'Practitioner', map: map<PractitionerRow>(toPractitioner) },
};

const labMap = map<LabRow>(toLabObservation);
const gradeMap = map<GradeRow>(toGradeObservation);

/**
 * Observations come from two tables (lab results, then graded assessments) and one derivation (engraftment dates,
 * ADR 0704), paged as one list in that order.
 */
async function searchObservations(
  db: Queryable,
  centreId: string,
  s: ParsedSearch,
  today: string
): Promise<SearchResult> {
  const f = s.filter;
  const withCodes = (codes: string[] | null | undefined): FhirFilter | null =>
    codes === undefined || codes === null ? { ...f } : codes.length ? { ...f, codes } : null;
  const labF = withCodes(s.labCodes);
  const gradeF = withCodes(s.gradeCodes);
  const labTotal = labF ? (await searchSource(db, SOURCES.Lab, centreId, { ...labF, limit: 0, offset: 0 })).total : 0;
  const labs = labF && f.offset < labTotal ? await searchSource(db, SOURCES.Lab, centreId, labF) : { rows: [] };
  const gradeOffset = Math.max(0, f.offset - labTotal);
  const gradeLimit = f.limit - labs.rows.length;
  const grades = gradeF
    ? await searchSource(db, SOURCES.Grade, centreId, { ...gradeF, offset: gradeOffset, limit: gradeLimit })
    : { rows: [], total: 0 };
  const before = labTotal + grades.total;
  const engraftment = await searchEngraftment(
    db,
    centreId,
    { ...f, offset: Math.max(0, f.offset - before), limit: f.limit - labs.rows.length - grades.rows.length },
    s.engraftmentKinds,
    today
  );
  return {
    matches: [...labMap(labs.rows), ...gradeMap(grades.rows), ...engraftment.matches],
    included: [],
    total: before + engraftment.total,
  };
}

/** The patient a resource refers to (`subject` or `patient`), as `Patient/<id>`. */
function patientRefOf(r: FhirResource): string | undefined {
  const ref = (r as { subject?: Reference; patient?: Reference }).subject ?? (r as { patient?: Reference }).patient;
  return ref && !Array.isArray(ref) ? ref.reference : undefined;
}

/** The patients the matches refer to (`_include=…:patient`), read in the same centre. */
async function includedPatients(db: Queryable, centreId: string, matches: FhirResource[]): Promise<Patient[]> {
  const ids = new Set<string>();
  for (const r of matches) {
    const ref = patientRefOf(r);
    if (typeof ref === 'string' && ref.startsWith('Patient/')) ids.add(ref.slice('Patient/'.length));
  }
  if (!ids.size) return [];
  const { rows } = await searchSource<PatientRow>(db, SOURCES.Patient, centreId, {
    ids: [...ids],
    limit: ids.size,
    offset: 0,
  });
  return rows.map(toPatient);
}

/** Runs a search without auditing (the caller audits). */
export async function runSearch(
  db: Queryable,
  centreId: string,
  type: FhirType,
  s: ParsedSearch,
  today: string
): Promise<SearchResult> {
  let result: SearchResult;
  if (type === 'Observation') result = await searchObservations(db, centreId, s, today);
  else {
    const src = SIMPLE[type];
    const { rows, total } = await searchSource(db, SOURCES[src.source], centreId, s.filter);
    result = { matches: src.map(rows), included: [], total };
  }
  if (s.includePatients && PATIENT_LINKED.has(type)) {
    result.included = await includedPatients(db, centreId, result.matches);
  }
  return result;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The patient a search is about (its `patient` parameter), for the audit event's patient column. */
const patientOf = (s: ParsedSearch): string | null => {
  const id = s.filter.patientId;
  return id && UUID.test(id) ? id : null;
};

/** A search, audited as a read of the records it returns (who, what was asked, how many came back). */
export async function search(
  db: Database,
  actor: FhirActor,
  type: FhirType,
  s: ParsedSearch,
  query: Record<string, unknown>,
  today: string
): Promise<SearchResult> {
  const result = await runSearch(db, actor.centreId, type, s, today);
  await appendAudit(db, actor, {
    action: 'read',
    entityType: `fhir:${type}`,
    patientId: patientOf(s),
    after: { interaction: 'search-type', query, returned: result.matches.length, total: result.total },
  });
  return result;
}

/** Reads one resource by id in the caller's centre, audited. @throws EngraftError not-found */
export async function read(
  db: Database,
  actor: FhirActor,
  type: FhirType,
  id: string,
  today: string
): Promise<FhirResource> {
  let found: FhirResource | undefined;
  const one = { limit: 1, offset: 0 };
  if (type === 'Observation' && parseEngraftmentId(id)) {
    found = (await searchEngraftment(db, actor.centreId, { ...one, ids: [id] }, null, today)).matches[0];
  } else if (type === 'Observation') {
    const lab = id.startsWith(LAB_PREFIX);
    const { rows } = await searchSource(db, lab ? SOURCES.Lab : SOURCES.Grade, actor.centreId, {
      ...one,
      ids: [lab ? id.slice(LAB_PREFIX.length) : id],
    });
    found = (lab ? labMap(rows) : gradeMap(rows))[0];
  } else {
    const src = SIMPLE[type];
    const { rows } = await searchSource(db, SOURCES[src.source], actor.centreId, { ...one, ids: [id] });
    found = src.map(rows)[0];
  }
  if (!found) throw notFound(`${type}/${id}`);
  const subject = patientRefOf(found);
  await appendAudit(db, actor, {
    action: 'read',
    entityType: `fhir:${type}`,
    entityId: id,
    patientId:
      type === 'Patient' ? id : typeof subject === 'string' && subject.startsWith('Patient/') ? subject.slice(8) : null,
    after: { interaction: 'read' },
  });
  return found;
}

/** Types `$everything` and `$export` gather per patient (Practitioner is not patient data). */
export const EVERYTHING_TYPES: readonly FhirType[] = [
  'Patient',
  'Condition',
  'EpisodeOfCare',
  'Procedure',
  'Observation',
  'BiologicallyDerivedProduct',
  'MedicationRequest',
  'MedicationAdministration',
  'Specimen',
];
/** At most this many resources of one type in a `$everything` Bundle (a patient's lifetime of daily labs fits). */
export const EVERYTHING_MAX_PER_TYPE = 20_000;

/**
 * `Patient/$everything` (R4 §8.1.19): the patient and every resource of the given types that refers to them,
 * as one searchset Bundle; audited as one read of the patient's record. @throws EngraftError not-found
 */
export async function everything(
  db: Database,
  actor: FhirActor,
  patientId: string,
  types: readonly FhirType[],
  base: string,
  today: string
): Promise<Bundle> {
  const filter = { patientId, limit: EVERYTHING_MAX_PER_TYPE, offset: 0 };
  const patient = await runSearch(db, actor.centreId, 'Patient', { filter, includePatients: false }, today);
  if (!patient.matches.length) throw notFound(`Patient/${patientId}`);
  const matches: FhirResource[] = [];
  for (const type of types) {
    matches.push(
      ...(type === 'Patient'
        ? patient
        : await runSearch(db, actor.centreId, type, { filter, includePatients: false }, today)
      ).matches
    );
  }
  await appendAudit(db, actor, {
    action: 'read',
    entityType: 'fhir:Patient',
    entityId: patientId,
    patientId,
    after: { interaction: '$everything', types, returned: matches.length },
  });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link: [{ relation: 'self', url: `${base}/Patient/${patientId}/$everything` }],
    entry: matches.map((r) => ({
      fullUrl: `${base}/${r.resourceType}/${r.id ?? ''}`,
      resource: r,
      search: { mode: 'match' },
    })),
  };
}
