import {
  type EpisodeRecord,
  gradeValue,
  isCellTherapy,
  onsetOf,
  type RecoveryFacts,
  recoveryAt,
  type ReportTimepoint,
  statusAt,
  worstGrade,
} from './episodeRecord';

/**
 * EBMT MED-A (Minimum Essential Data A) as one CSV row per episode and timepoint (ADR 0710). Column names are the
 * MED-A items (EBMT Registry, Data Collection Forms "MED-A" for HCT — Day 0, Day 100 and annual follow-up — and for
 * cellular therapy — CT MED-A, 15 March 2017 — with the EBMT Registry Data Definitions); values are written as the
 * forms print their answers ("Male", "Allogeneic", "Grade II"). A blank is an item Engraft has no answer for: the
 * completeness check lists the required ones; docs/registries/ebmt.md maps every column.
 */
export const MED_A_COLUMNS = [
  'Form',
  'Timepoint',
  'EngraftReportId',
  'CIC',
  'HospitalUPN',
  'Initials',
  'DateOfBirth',
  'Sex',
  'PrimaryDisease',
  'DiseaseSubtype',
  'DateOfDiagnosis',
  'DiseaseStatusAtTreatment',
  'DateOfTreatment',
  'TypeOfTreatment',
  'DonorType',
  'HLAMatch',
  'DonorSex',
  'DonorCMV',
  'SourceOfCells',
  'CellTherapyProduct',
  'PreparativeRegimenGiven',
  'ConditioningIntensity',
  'ConditioningDrugs',
  'TBI',
  'ANCRecovery',
  'ANCRecoveryDate',
  'PlateletRecovery',
  'PlateletRecoveryDate',
  'AcuteGvHDMaxGrade',
  'AcuteGvHDOnsetDate',
  'ChronicGvHD',
  'CRSMaxGrade',
  'CRSOnsetDate',
  'ICANSMaxGrade',
  'ICANSOnsetDate',
  'RelapseOrProgression',
  'RelapseOrProgressionDate',
  'SurvivalStatus',
  'DateOfLastContactOrDeath',
  'MainCauseOfDeath',
] as const;
export type MedAColumn = (typeof MED_A_COLUMNS)[number];
export type MedARow = Record<MedAColumn, string>;

/** Engraft's disease codes as the MED-A primary disease (EBMT disease classification sheets). */
const DISEASE: Record<string, string> = {
  AML: 'Acute myeloid leukaemia (AML)',
  ALL: 'Precursor lymphoid neoplasms (ALL)',
  CML: 'Chronic myeloid leukaemia (CML)',
  CLL: 'Chronic lymphocytic leukaemia (CLL)',
  MDS: 'Myelodysplastic syndromes (MDS)',
  OTHER_LEUKEMIA: 'Other leukaemia',
  HL: 'Lymphoma: Hodgkin',
  NHL: 'Lymphoma: Non-Hodgkin',
  MM: 'Plasma cell disorder (PCD): multiple myeloma',
  AA: 'Bone marrow failure: aplastic anaemia',
  OTHER_MARROW_FAILURE: 'Bone marrow failure: other',
  HEMOGLOBINOPATHY: 'Haemoglobinopathy',
  SCID: 'Primary immune deficiency: SCID',
  OTHER_IMMUNE: 'Primary immune deficiency: other',
  HURLER: 'Inherited disorder of metabolism: Hurler (MPS I-H)',
  OTHER_METABOLIC: 'Inherited disorder of metabolism: other',
};

const STATUS: Record<string, string> = {
  'new-diagnosis': 'Untreated (upfront)',
  CR1: 'First complete remission (CR1)',
  CR2: 'Second complete remission (CR2)',
  'CR3+': 'Third or higher complete remission (CR3+)',
  PR: 'Partial remission',
  SD: 'Stable disease',
  PD: 'Progression',
  relapse: 'Relapse',
  refractory: 'Primary induction failure',
  'not-applicable': 'Not applicable',
};

const SOURCE: Record<string, string> = {
  'hpc-marrow': 'Bone marrow',
  'hpc-apheresis': 'Peripheral blood',
  'hpc-cord': 'Cord blood',
};

const INTENSITY: Record<string, string> = {
  MAC: 'Myeloablative (MAC)',
  RIC: 'Reduced intensity (RIC)',
  NMA: 'Non-myeloablative (NMA)',
};

const CAUSE: Record<string, string> = {
  'relapse-or-progression': 'Relapse or progression of original disease',
  gvhd: 'GvHD',
  infection: 'Infection',
  'organ-toxicity': 'HCT/CT-related: organ toxicity',
  other: 'Other',
};

const ROMAN = ['Absent', 'Grade I', 'Grade II', 'Grade III', 'Grade IV'];

function recovery(f: RecoveryFacts | null): [string, string] {
  if (!f) return ['', ''];
  if (f.status === 'recovered') return ['Yes', f.date ?? ''];
  return [f.status === 'never-below-threshold' ? 'Never below' : 'No', ''];
}

function hlaMatch(r: EpisodeRecord): string {
  const d = r.donor;
  if (!d || d.source === 'autologous') return '';
  if (d.source === 'related') {
    if (d.matchGrade === 'identical' || d.relationship === 'identical') return 'HLA-identical sibling';
    if (d.matchGrade === 'haploidentical') return 'Haploidentical relative';
    return d.matchGrade ? `Related: ${d.matchGrade}` : '';
  }
  return d.matchGrade ? `Unrelated: ${d.matchGrade}` : '';
}

const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');
const sexOf = (s: string | null): string => (s === 'male' ? 'Male' : s === 'female' ? 'Female' : '');
const timepointLabel = (t: ReportTimepoint): string =>
  t.form === 'MED-A' ? 'Day 100' : `Year ${Math.round(t.day / 365)}`;

/** The MED-A row of one report. */
export function medARow(r: EpisodeRecord, t: ReportTimepoint): MedARow {
  const ct = isCellTherapy(r);
  const status = statusAt(r, t);
  const dayZero = r.episode.actual_day_zero ?? '';
  const agents = r.conditioning?.agents ?? [];
  const hpc = [...new Set(r.products.map((p) => SOURCE[p.kind]).filter((s): s is string => Boolean(s)))];
  const ctProducts = r.products.filter((p) => !SOURCE[p.kind]).map((p) => p.description);
  const [anc, ancDate] = ct ? ['', ''] : recovery(recoveryAt(r.neutrophil, t));
  const [plt, pltDate] = ct ? ['', ''] : recovery(recoveryAt(r.platelet, t));
  const grade = (kind: 'agvhd' | 'crs' | 'icans'): [string, string] => {
    const w = worstGrade(r, t, kind);
    const v = w ? gradeValue(w) : null;
    return v === null ? ['', ''] : [ROMAN[v] ?? '', onsetOf(r, t, kind) ?? ''];
  };
  const allo = r.episode.type === 'allogeneic-hct' || r.donor?.source === 'related' || r.donor?.source === 'unrelated';
  const [agvhd, agvhdOnset] = !ct && allo ? grade('agvhd') : ['', ''];
  const cgvhdW = !ct && allo ? worstGrade(r, t, 'cgvhd') : null;
  const cgvhdV = cgvhdW ? gradeValue(cgvhdW) : null;
  const [crs, crsOnset] = ct ? grade('crs') : ['', ''];
  const [icans, icansOnset] = ct ? grade('icans') : ['', ''];
  return {
    Form: ct ? 'MED-A Cellular therapy' : 'MED-A HCT',
    Timepoint: timepointLabel(t),
    EngraftReportId: `${r.episode.id}/${t.key}`,
    // The centre's EBMT code is not held by Engraft: the registry (or the data manager's upload) sets it.
    CIC: '',
    HospitalUPN: r.patient.mrn,
    Initials: `${r.patient.given_name.charAt(0)}${r.patient.family_name.charAt(0)}`.toUpperCase(),
    DateOfBirth: r.patient.date_of_birth,
    Sex: sexOf(r.patient.sex),
    PrimaryDisease: DISEASE[r.diagnosis.disease] ?? '',
    DiseaseSubtype: r.diagnosis.subtype ?? '',
    DateOfDiagnosis: r.diagnosis.diagnosis_date,
    DiseaseStatusAtTreatment: STATUS[r.diagnosis.status] ?? '',
    DateOfTreatment: dayZero,
    TypeOfTreatment: ct
      ? 'Cellular therapy'
      : r.episode.type === 'autologous-hct'
        ? 'Autologous HCT'
        : 'Allogeneic HCT',
    DonorType: r.donor ? (r.donor.source === 'cord' ? 'Unrelated (cord blood)' : capitalise(r.donor.source)) : '',
    HLAMatch: hlaMatch(r),
    DonorSex: r.donor && r.donor.source !== 'autologous' ? sexOf(r.donor.sex) : '',
    DonorCMV: r.donor && r.donor.source !== 'autologous' && r.donor.cmv !== 'unknown' ? capitalise(r.donor.cmv) : '',
    SourceOfCells: hpc.join(' + '),
    CellTherapyProduct: ct ? ctProducts.join(' + ') : '',
    PreparativeRegimenGiven: r.conditioning ? 'Yes' : '',
    ConditioningIntensity: r.conditioning?.intensity ? (INTENSITY[r.conditioning.intensity] ?? '') : '',
    ConditioningDrugs: agents
      .filter((a) => a.agent.unit !== 'Gy')
      .map((a) => a.agent.label)
      .join('; '),
    TBI: r.conditioning ? yesNo(agents.some((a) => a.agent.unit === 'Gy')) : '',
    ANCRecovery: anc,
    ANCRecoveryDate: ancDate,
    PlateletRecovery: plt,
    PlateletRecoveryDate: pltDate,
    AcuteGvHDMaxGrade: agvhd,
    AcuteGvHDOnsetDate: agvhdOnset,
    ChronicGvHD: cgvhdV === null ? '' : (['No', 'Mild', 'Moderate', 'Severe'][cgvhdV] ?? ''),
    CRSMaxGrade: crs,
    CRSOnsetDate: crsOnset,
    ICANSMaxGrade: icans,
    ICANSOnsetDate: icansOnset,
    RelapseOrProgression: status.survival === 'unknown' && !status.relapse ? '' : yesNo(status.relapse !== null),
    RelapseOrProgressionDate: status.relapse?.date ?? '',
    SurvivalStatus: status.survival === 'unknown' ? '' : capitalise(status.survival),
    DateOfLastContactOrDeath: status.survivalDate ?? '',
    MainCauseOfDeath: status.causeOfDeath ? (CAUSE[status.causeOfDeath] ?? 'Other') : '',
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =,+,-,@ is prefixed with ' (CSV injection). */
function csvField(v: string): string {
  const safe = /^[=+\-@]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV (header of MED-A item names, CRLF line ends per RFC 4180). */
export function medACsv(rows: readonly MedARow[]): string {
  const lines = [MED_A_COLUMNS.join(','), ...rows.map((row) => MED_A_COLUMNS.map((c) => csvField(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
