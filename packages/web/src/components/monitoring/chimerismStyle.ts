// How chimerism is drawn and named: lineage colours and dashes, the ASTCT 2021 category bands (Kharfan-Dabaja MA
// et al., Transplant Cell Ther 2021;27:642: full donor >95%, mixed 5–95%, loss of graft <5%) and trend labels.
/** Category limits of the default (ASTCT 2021) scheme of the chimerism rule. */
export const FULL_ABOVE = 95;
export const LOSS_BELOW = 5;

export const LINEAGE_STYLE: Record<string, { color: string; dash?: string; label: string; short: string }> = {
  'whole-blood': { color: 'var(--mantine-color-blue-8)', label: 'Whole blood', short: 'Whole blood' },
  'bone-marrow': { color: 'var(--mantine-color-gray-8)', dash: '2 3', label: 'Bone marrow', short: 'Marrow' },
  'T-cell': { color: 'var(--mantine-color-grape-8)', dash: '7 4', label: 'T cells (CD3)', short: 'T cells' },
  myeloid: { color: 'var(--mantine-color-orange-8)', dash: '3 3', label: 'Myeloid (CD33/CD15)', short: 'Myeloid' },
  'B-cell': { color: 'var(--mantine-color-cyan-9)', dash: '10 3 2 3', label: 'B cells (CD19)', short: 'B cells' },
  'NK-cell': { color: 'var(--mantine-color-lime-9)', dash: '1 3', label: 'NK cells (CD56)', short: 'NK cells' },
};
export const styleOf = (lineage: string) =>
  LINEAGE_STYLE[lineage] ?? { color: 'var(--mantine-color-dark-6)', label: lineage, short: lineage };
export const lineageLabel = (lineage: string): string => styleOf(lineage).label;

export const CATEGORY_LABEL: Record<string, string> = {
  'full-donor': 'full donor',
  mixed: 'mixed',
  'loss-of-graft': 'loss of graft',
};
export const CATEGORY_COLOR: Record<string, string> = { 'full-donor': 'teal', mixed: 'yellow', 'loss-of-graft': 'red' };
export const TREND_LABEL: Record<string, string> = {
  falling: '↓ falling',
  rising: '↑ rising',
  stable: '→ stable',
  'single-result': 'one result',
};
export const TREND_COLOR: Record<string, string> = {
  falling: 'red',
  rising: 'teal',
  stable: 'gray',
  'single-result': 'gray',
};
