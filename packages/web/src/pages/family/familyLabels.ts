import { RELATIVE_RELATIONSHIPS, type Relative, type SegregationMember } from '@engraft/domain';

/** Words for the segregation classes (Osoegawa K et al., Hum Immunol 2019;80:633-643 terminology). */
export const MATCH_LABELS: Record<SegregationMember['match'], string> = {
  'hla-identical': 'HLA-identical',
  'phenotypically-identical': 'Phenotypically identical',
  haploidentical: 'Haploidentical',
  mismatched: 'Mismatched',
  'not-typed': 'Not typed',
};

export const MATCH_COLORS: Record<SegregationMember['match'], string> = {
  'hla-identical': 'green',
  'phenotypically-identical': 'teal',
  haploidentical: 'blue',
  mismatched: 'gray',
  'not-typed': 'gray',
};

export function relationshipLabel(r: Pick<Relative, 'relationship' | 'relationshipText'>): string {
  return r.relationship === 'other' && r.relationshipText ? r.relationshipText : RELATIVE_RELATIONSHIPS[r.relationship];
}

export const AVAILABILITY_LABELS: Record<Relative['availability'], string> = {
  unknown: 'Availability unknown',
  available: 'Available',
  unavailable: 'Unavailable',
};

export const CONTACT_LABELS: Record<Relative['contact'], string> = {
  'not-contacted': 'Not contacted',
  contacted: 'Contacted',
  consented: 'Consented',
  declined: 'Declined',
};
