import { ANALYTE_CODES, DISEASE_CODES, EPISODE_TYPES, MAX_PAGE_OFFSET } from '@engraft/domain';
import { invalid } from '../../errors';
import type { DateBound, DateOp, FhirFilter } from '../../repo/fhirSearch';
import { ENGRAFTMENT_CODES, ENGRAFTMENT_KINDS, type EngraftmentKind } from '../map/engraftment';
import { GRADE_KINDS, LAB_PREFIX, loincOf } from '../map/observation';
import {
  ANALYTE_SYSTEM,
  DISEASE_SYSTEM,
  ENGRAFTMENT_SYSTEM,
  EPISODE_TYPE_SYSTEM,
  GRADE_SYSTEM,
  ISBT_DIN,
  ISBT_PRODUCT_CODE,
  LOINC,
  MRN_SYSTEM,
  USERNAME_SYSTEM,
} from '../map/systems';

/**
 * Search parameters per resource type (HL7 FHIR R4 §3.1.1 "Search"): the parameters each type supports, the
 * CapabilityStatement lists exactly these. An unknown parameter is refused (400) rather than ignored, so a
 * mistyped filter never returns a centre's whole list as if it had matched (R4 §3.1.1.4 allows either; we take
 * the strict handling).
 */
export const SEARCH_PARAMS = {
  Patient: { identifier: 'token', name: 'string', birthdate: 'date' },
  Condition: { patient: 'reference', subject: 'reference', code: 'token', 'onset-date': 'date' },
  EpisodeOfCare: { patient: 'reference', date: 'date', type: 'token', status: 'token' },
  Procedure: { patient: 'reference', subject: 'reference', date: 'date', code: 'token', status: 'token' },
  Observation: { patient: 'reference', subject: 'reference', date: 'date', code: 'token', status: 'token' },
  BiologicallyDerivedProduct: { identifier: 'token', patient: 'reference', 'product-code': 'token', status: 'token' },
  MedicationRequest: { patient: 'reference', subject: 'reference', authoredon: 'date', status: 'token' },
  MedicationAdministration: {
    patient: 'reference',
    subject: 'reference',
    'effective-time': 'date',
    date: 'date',
    status: 'token',
  },
  Specimen: { patient: 'reference', subject: 'reference', collected: 'date', type: 'token', status: 'token' },
  Practitioner: { identifier: 'token', name: 'string' },
} as const;

export type FhirType = keyof typeof SEARCH_PARAMS;
export const FHIR_TYPES = Object.keys(SEARCH_PARAMS) as FhirType[];
export const isFhirType = (t: string): t is FhirType => Object.hasOwn(SEARCH_PARAMS, t);

/** Types that point at a patient, for `_include=<Type>:patient` (and `:subject`). */
export const PATIENT_LINKED: ReadonlySet<FhirType> = new Set([
  'Condition',
  'EpisodeOfCare',
  'Procedure',
  'Observation',
  'MedicationRequest',
  'MedicationAdministration',
  'Specimen',
]);

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 500;
const COMMON = new Set(['_id', '_count', '_offset', '_include', '_format']);

export interface ParsedSearch {
  filter: FhirFilter;
  /** Observation only: which of the two sources the codes select (null: both, unfiltered). */
  labCodes?: string[] | null;
  gradeCodes?: string[] | null;
  engraftmentKinds?: EngraftmentKind[] | null;
  includePatients: boolean;
}

const one = (v: string | string[] | undefined): string[] => (v === undefined ? [] : [v].flat());

function token(v: string): { system?: string; code: string } {
  const bar = v.indexOf('|');
  if (bar < 0) return { code: v };
  return { system: v.slice(0, bar), code: v.slice(bar + 1) };
}

function dateBound(name: string, v: string): DateBound {
  const m = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2})$/.exec(v);
  if (!m || Number.isNaN(Date.parse(m[2]!))) {
    throw invalid(name, `${name} must be a date YYYY-MM-DD with an optional prefix eq, ge, gt, le or lt`);
  }
  return { op: (m[1] ?? 'eq') as DateOp, date: m[2]! };
}

function referenceId(name: string, v: string): string {
  const m = /^(?:Patient\/)?([A-Za-z0-9\-.]{1,64})$/.exec(v);
  if (!m) throw invalid(name, `${name} must be a Patient id or Patient/<id>`);
  return m[1]!;
}

/** Token codes against one code system: a code in another system matches nothing (an empty list). */
function codesIn(system: string, allowed: readonly string[], values: string[]): string[] {
  return values.flatMap((v) => {
    const t = token(v);
    return (t.system === undefined || t.system === system) && allowed.includes(t.code) ? [t.code] : [];
  });
}

function observationCodes(values: string[]): { lab: string[]; grade: string[]; engraftment: EngraftmentKind[] } {
  const lab = new Set<string>();
  const grade = new Set<string>();
  const engraftment = new Set<EngraftmentKind>();
  for (const v of values) {
    const t = token(v);
    for (const a of ANALYTE_CODES) {
      const loinc = loincOf(a).includes(t.code);
      if ((t.system === undefined || t.system === LOINC) && loinc) lab.add(a);
      if ((t.system === undefined || t.system === ANALYTE_SYSTEM) && t.code === a) lab.add(a);
    }
    if ((t.system === undefined || t.system === GRADE_SYSTEM) && (GRADE_KINDS as string[]).includes(t.code)) {
      grade.add(t.code);
    }
    for (const k of ENGRAFTMENT_KINDS) {
      if ((t.system === undefined || t.system === ENGRAFTMENT_SYSTEM) && t.code === ENGRAFTMENT_CODES[k].code) {
        engraftment.add(k);
      }
    }
  }
  return { lab: [...lab], grade: [...grade], engraftment: [...engraftment] };
}

const IDENTIFIER_SYSTEM: Partial<Record<FhirType, string>> = {
  Patient: MRN_SYSTEM,
  BiologicallyDerivedProduct: ISBT_DIN,
  Practitioner: USERNAME_SYSTEM,
};

/** Parses and translates a search's query parameters into Engraft terms. @throws EngraftError invalid (400) */
export function parseSearch(type: FhirType, query: Record<string, string | string[] | undefined>): ParsedSearch {
  const supported = SEARCH_PARAMS[type] as Record<string, string>;
  for (const name of Object.keys(query)) {
    if (!COMMON.has(name) && !Object.hasOwn(supported, name)) {
      throw invalid(name, `${type} has no search parameter ${name}; supported: ${Object.keys(supported).join(', ')}`);
    }
  }
  const count = one(query._count).at(-1) ?? String(DEFAULT_COUNT);
  const offset = one(query._offset).at(-1) ?? '0';
  if (!/^\d+$/.test(count) || Number(count) > MAX_COUNT) {
    throw invalid('_count', `_count must be a whole number from 0 to ${MAX_COUNT}`);
  }
  if (!/^\d+$/.test(offset) || Number(offset) > MAX_PAGE_OFFSET) {
    throw invalid('_offset', `_offset must be a whole number from 0 to ${MAX_PAGE_OFFSET}`);
  }
  const format = one(query._format).at(-1);
  if (format !== undefined && !/json/.test(format)) throw invalid('_format', '_format: only JSON is served');
  const filter: FhirFilter = { limit: Number(count), offset: Number(offset) };
  const parsed: ParsedSearch = { filter, includePatients: false };

  for (const inc of one(query._include)) {
    const [src, param] = inc.split(':');
    if (src !== type || !PATIENT_LINKED.has(type) || (param !== 'patient' && param !== 'subject')) {
      throw invalid('_include', `_include supports ${type}:patient on types that refer to a patient`);
    }
    parsed.includePatients = true;
  }

  const ids = one(query._id).flatMap((v) => v.split(','));
  if (ids.length) filter.ids = ids;
  const patient = [...one(query.patient), ...one(query.subject)];
  if (patient.length > 1) throw invalid('patient', 'give one patient');
  if (patient[0] !== undefined) filter.patientId = referenceId('patient', patient[0]);

  const identifier = one(query.identifier);
  if (identifier.length > 1) throw invalid('identifier', 'give one identifier');
  if (identifier[0] !== undefined) {
    const t = token(identifier[0]);
    filter.identifier = t.code;
    // An identifier in another system matches nothing here.
    if (t.system !== undefined && t.system !== IDENTIFIER_SYSTEM[type]) filter.ids = [];
  }
  const name = one(query.name).at(-1);
  if (name !== undefined) filter.name = name;
  const birthdate = one(query.birthdate).map((v) => dateBound('birthdate', v));
  if (birthdate.length) filter.birthdate = birthdate;
  const dateName = (['date', 'onset-date', 'authoredon', 'collected', 'effective-time'] as const).find(
    (n) => query[n] !== undefined
  );
  if (dateName) filter.date = one(query[dateName]).map((v) => dateBound(dateName, v));

  const statuses = one(query.status).flatMap((v) => v.split(','));
  if (statuses.length) filter.statuses = statuses;

  const codeValues = [...one(query.code), ...one(query.type), ...one(query['product-code'])].flatMap((v) =>
    v.split(',')
  );
  if (codeValues.length) {
    if (type === 'Observation') {
      const { lab, grade, engraftment } = observationCodes(codeValues);
      parsed.labCodes = lab;
      parsed.gradeCodes = grade;
      parsed.engraftmentKinds = engraftment;
    } else if (type === 'Condition') filter.codes = codesIn(DISEASE_SYSTEM, DISEASE_CODES, codeValues);
    else if (type === 'EpisodeOfCare' || type === 'Procedure') {
      filter.codes = codesIn(EPISODE_TYPE_SYSTEM, Object.keys(EPISODE_TYPES), codeValues);
    } else if (type === 'BiologicallyDerivedProduct') {
      filter.codes = codeValues.flatMap((v) => {
        const t = token(v);
        return t.system === undefined || t.system === ISBT_PRODUCT_CODE ? [t.code] : [];
      });
    } else filter.codes = codeValues.map((v) => token(v).code);
  }
  if (type === 'Observation' && filter.ids) {
    // Observation ids carry their source: lab-<uuid> (results), <grade>-<uuid> (assessments),
    // <anc|plt>-engraftment-<episode uuid> (engraftment dates).
    filter.ids = filter.ids.map((id) => (id.startsWith(LAB_PREFIX) ? id.slice(LAB_PREFIX.length) : id));
  }
  return parsed;
}
