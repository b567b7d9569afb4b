import { DISEASE_STATUSES } from '@engraft/domain';
import type { Bundle, FhirResource, Observation, Patient } from 'fhir/r4';
import { toCondition, toEpisodeOfCare, toProcedure } from '../fhir/map/episode';
import { toMedicationRequest } from '../fhir/map/medication';
import { toGradeObservation } from '../fhir/map/observation';
import { toBiologicallyDerivedProduct } from '../fhir/map/product';
import { DISEASE_STATUS_SYSTEM, ENGRAFT, OBS_CATEGORY } from '../fhir/map/systems';
import {
  type EpisodeRecord,
  isCellTherapy,
  type RecoveryFacts,
  recoveryAt,
  type ReportTimepoint,
  statusAt,
  worstGrade,
} from './episodeRecord';

/**
 * CIBMTR reporting as FHIR R4 (ADR 0710). The resources follow the CIBMTR Reporting Implementation Guide
 * (NMDP/CIBMTR, github.com/nmdp-bioinformatics "cibmtr-reporting-ig", version 0.1.8, FHIR 4.0.1): a Patient
 * identified by its CIBMTR Research ID (CRID, assigned by CIBMTR's CRID service, so a placeholder here) and
 * carrying no name or MRN, then the resources that refer to it. The form items are those of the CIBMTR Forms
 * Instruction Manual: 2400 Pre-TED (recipient, product, donor, conditioning) and 2402 disease classification,
 * 2450 Post-TED (engraftment, GVHD, relapse, survival), 4000 Pre-CTED and 4100 Post-CTED (CRS, ICANS).
 */
export const CRID_SYSTEM = 'http://cibmtr.org/identifier/CRID';
export const REPORT_SYSTEM = `${ENGRAFT}/sid/registry-report`;
export const REGISTRY_ITEM_SYSTEM = `${ENGRAFT}/CodeSystem/registry-item`;
const DATA_ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/** The recipient as CIBMTR receives it: CRID (placeholder until assigned), sex, birth date, death; no name, no MRN. */
function cibmtrPatient(r: EpisodeRecord, deceased: string | null): Patient {
  return {
    resourceType: 'Patient',
    id: r.patient.id,
    identifier: [
      {
        system: CRID_SYSTEM,
        type: { text: 'CIBMTR Research ID (CRID)' },
        // The CRID is assigned by CIBMTR (CRID assignment, form 2804); until it is, the value is absent.
        extension: [{ url: DATA_ABSENT, valueCode: 'not-asked' }],
      },
    ],
    gender: r.patient.sex,
    birthDate: r.patient.date_of_birth,
    ...(deceased ? { deceasedDateTime: deceased } : {}),
  };
}

function observation(
  r: EpisodeRecord,
  id: string,
  code: string,
  display: string,
  effective: string,
  value: Pick<Observation, 'valueCodeableConcept' | 'valueDateTime'>,
  components: Observation['component'] = []
): Observation {
  return {
    resourceType: 'Observation',
    id: `${id}-${r.episode.id}`,
    status: 'final',
    category: [{ coding: [{ system: OBS_CATEGORY, code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: REGISTRY_ITEM_SYSTEM, code, display }], text: display },
    subject: { reference: `Patient/${r.patient.id}` },
    focus: [{ reference: `EpisodeOfCare/${r.episode.id}` }],
    effectiveDateTime: effective,
    ...value,
    ...(components.length ? { component: components } : {}),
  };
}

const coded = (code: string, display = code) => ({
  valueCodeableConcept: { coding: [{ system: REGISTRY_ITEM_SYSTEM, code, display }], text: display },
});

/** Neutrophil (ANC >= 0.5 x10^9/L) or platelet (>= 20 x10^9/L) recovery as CIBMTR 2450 asks it (Q: initial recovery). */
function recoveryObservation(r: EpisodeRecord, which: 'anc' | 'plt', f: RecoveryFacts, asOf: string): Observation {
  const display = which === 'anc' ? 'Initial neutrophil recovery' : 'Initial platelet recovery';
  return observation(r, which, `${which}-recovery`, display, f.date ?? asOf, coded(f.status));
}

/** The resources of one report (what the bundle holds), every one about this patient. */
export function cibmtrResources(r: EpisodeRecord, t: ReportTimepoint): FhirResource[] {
  const baseline = t.form === '2400' || t.form === '4000';
  const status = statusAt(r, t);
  const out: FhirResource[] = [
    cibmtrPatient(r, status.survival === 'dead' ? status.survivalDate : null),
    toCondition(r.diagnosis),
    toEpisodeOfCare(r.episode),
    // Disease status at HCT / cellular therapy (2402; 4000): the IG carries the status as an Observation.
    observation(
      r,
      'dstatus',
      'disease-status-at-infusion',
      'Disease status at infusion',
      r.episode.actual_day_zero ?? r.episode.planned_day_zero,
      {
        valueCodeableConcept: {
          coding: [
            {
              system: DISEASE_STATUS_SYSTEM,
              code: r.diagnosis.status,
              display: DISEASE_STATUSES[r.diagnosis.status],
            },
          ],
          text: DISEASE_STATUSES[r.diagnosis.status],
        },
      }
    ),
    ...r.infusions.map(toProcedure),
    ...r.products.map(toBiologicallyDerivedProduct),
  ];
  if (baseline) {
    out.push(...(r.conditioning?.agents ?? []).map(toMedicationRequest));
    return out;
  }
  if (!isCellTherapy(r)) {
    const anc = recoveryAt(r.neutrophil, t);
    const plt = recoveryAt(r.platelet, t);
    if (anc) out.push(recoveryObservation(r, 'anc', anc, t.dueDate));
    if (plt) out.push(recoveryObservation(r, 'plt', plt, t.dueDate));
  }
  const kinds = isCellTherapy(r) ? (['crs', 'icans'] as const) : (['agvhd', 'cgvhd'] as const);
  for (const kind of kinds) {
    const worst = worstGrade(r, t, kind);
    if (worst) out.push(toGradeObservation(worst));
  }
  const asOf = status.survivalDate ?? t.dueDate;
  out.push(
    observation(
      r,
      'survival',
      'survival-status',
      'Survival status',
      asOf,
      coded(status.survival),
      status.causeOfDeath ? [{ code: { text: 'Primary cause of death' }, ...coded(status.causeOfDeath) }] : []
    ),
    observation(
      r,
      'relapse',
      'relapse-progression',
      'Relapse or progression since infusion',
      status.relapse?.date ?? asOf,
      // Without a contact in the interval, "no relapse" is not known either.
      coded(status.relapse?.kind ?? (status.survival === 'unknown' ? 'unknown' : 'none'))
    )
  );
  return out;
}

/**
 * The report as a FHIR R4 collection Bundle, identified by episode and report key. Deterministic (no clock):
 * the same record gives the same bytes, so a submission's SHA-256 says whether anything changed since.
 * @throws Error when a resource refers to another patient (a report must carry one patient's data only)
 */
export function cibmtrBundle(r: EpisodeRecord, t: ReportTimepoint, base: string): Bundle {
  const resources = cibmtrResources(r, t);
  assertOnePatient(resources, r.patient.id);
  return {
    resourceType: 'Bundle',
    identifier: { system: REPORT_SYSTEM, value: `${r.episode.id}/${t.key}` },
    type: 'collection',
    entry: resources.map((res) => ({ fullUrl: `${base}/${res.resourceType}/${res.id ?? ''}`, resource: res })),
  };
}

/** Every patient reference in the report names the report's patient. */
export function assertOnePatient(resources: readonly FhirResource[], patientId: string): void {
  const refs = JSON.stringify(resources).match(/"Patient\/[^"]+"/g) ?? [];
  const others = refs.filter((ref) => ref !== `"Patient/${patientId}"`);
  const foreign = resources.filter((res) => res.resourceType === 'Patient' && res.id !== patientId);
  if (others.length || foreign.length) {
    throw new Error('the report refers to another patient: refused');
  }
}
