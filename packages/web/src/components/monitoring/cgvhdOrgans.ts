// The eight organs scored 0–3 for chronic GVHD by the NIH 2014 consensus (Jagasia MH et al., Biol Blood Marrow
// Transplant 2015;21:389, organ scoring form), in the form's order, with the words a clinician reads.
export const CGVHD_ORGANS = [
  ['skin', 'Skin'],
  ['mouth', 'Mouth'],
  ['eyes', 'Eyes'],
  ['gi', 'GI tract'],
  ['liver', 'Liver'],
  ['lungs', 'Lungs'],
  ['joints', 'Joints and fascia'],
  ['genital', 'Genital tract'],
] as const;

/** NIH 2014 global severity, least to most severe (Jagasia 2015, global scoring). */
export const CGVHD_SEVERITIES = ['none', 'mild', 'moderate', 'severe'] as const;

export const CGVHD_SEVERITY_COLOR: Record<string, string> = {
  none: 'gray',
  mild: 'yellow',
  moderate: 'orange',
  severe: 'red',
};
