// Answers of the family work-up API for the component tests: one patient, a sister (Sara), no typing yet.
import type { Relative, RelativeTyping, SegregationReport } from '@engraft/domain';
import { API } from '../../testing/server';

export const PID = '6f1c1b7e-0000-4000-8000-0000000000a1';
export const RID = '6f1c1b7e-0000-4000-8000-000000000021';
/** /patients/:id/family/relatives of the test patient. */
export const relativesUrl = `${API}/patients/${PID}/family/relatives`;

/** A full sister, available and consented, not yet HLA or KIR typed. */
export const sara: Relative = {
  id: RID,
  patientId: PID,
  relationship: 'full-sibling',
  relationshipText: null,
  name: 'Sara',
  sex: 'female',
  dateOfBirth: '1990-06-01',
  weightKg: 60,
  aboRh: 'A+',
  cmv: 'negative',
  availability: 'available',
  contact: 'consented',
  typing: null,
  crossmatches: [],
  kir: null,
};

/** A typing version of Sara as the server answers it. */
export const typingOfSara = (
  version: number,
  glString: string,
  over: Partial<RelativeTyping> = {}
): RelativeTyping => ({
  id: `6f1c1b7e-0000-4000-8000-00000000010${version}`,
  relativeId: RID,
  version,
  glString,
  source: 'entered',
  hmlFileName: null,
  hmlSampleId: null,
  lab: 'HLA lab',
  typingDate: '2026-02-01',
  release: '3.55.0',
  methods: null,
  recordedBy: 'hla1',
  recordedAt: '2026-02-02T10:00:00.000Z',
  ...over,
});

/** Segregation before the patient is typed: no haplotype can be assigned. */
export const untypedSegregation: SegregationReport = {
  loci: [],
  method: 'patient-only',
  haplotypes: {},
  members: [],
  findings: [],
  missing: 'the patient has no HLA typing',
};
