// The outcome figure's literal colours, fonts and sizes: no CSS variables, so an exported SVG/PNG renders the
// same anywhere.

/** Okabe–Ito colours (distinguishable with common colour-vision deficiencies), then a few more. */
export const GROUP_COLORS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#8C564B',
  '#7F7F7F',
  '#A6A600',
];
/** Line patterns repeat with a different period than the colours so that every group differs in grayscale too. */
export const GROUP_DASHES = ['', '7 4', '2 3', '9 3 2 3'];
export const groupColor = (i: number): string => GROUP_COLORS[i % GROUP_COLORS.length] ?? '#000000';
export const groupDash = (i: number): string => GROUP_DASHES[i % GROUP_DASHES.length] ?? '';

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const TEXT = '#212529';
export const MUTED = '#495057';
export const GRID = '#e9ecef';
export const CHAR = 6.6; // average glyph width at 12px, for layout
export const PLOT_HEIGHT = 300;
export const ROW = 18;
