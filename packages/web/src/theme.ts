import {
  Anchor,
  colorsTuple,
  createTheme,
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  luminance,
  parseThemeColor,
  TableScrollContainer,
  type VariantColorsResolver,
} from '@mantine/core';

/** WCAG 2.1 contrast ratio of a colour against white (1.4.3: text needs 4.5:1). */
function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

// Text on light and outline badges, buttons and alerts in the colour's darkest shade: Mantine's default (shade 6)
// is below the WCAG 2.1 AA contrast ratio of 4.5:1 on white for most colours (axe-core color-contrast).
const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return base;
  // Shade 9 mixed with 30 % black: at least 4.5:1 also on the light variants' tinted background (yellow's is the
  // palest: 5:1).
  const dark = `color-mix(in srgb, var(--mantine-color-${parsed.color}-9) 70%, black)`;
  if (input.variant === 'light' || input.variant === 'subtle') return { ...base, color: dark };
  if (input.variant === 'outline') return { ...base, color: dark, border: `1px solid ${dark}` };
  // Filled: white text on green, lime or yellow shade 9 is 3.0–4.4:1; those backgrounds are darkened until it is
  // at least 4.5:1 (a quarter of black).
  // Hovered, a filled button darkens rather than lightening (Mantine's hover is shade 8: teal.8 is 3.9:1).
  const shade9 = input.theme.colors[parsed.color]?.[9];
  if (input.variant !== 'filled' || !shade9 || !base.color.includes('white')) return base;
  if (contrastWithWhite(shade9) < 4.5) {
    const filled = `color-mix(in srgb, ${shade9} 75%, black)`;
    return { ...base, background: filled, hover: `color-mix(in srgb, ${shade9} 65%, black)` };
  }
  return { ...base, hover: `color-mix(in srgb, ${shade9} 85%, black)` };
};

// Mantine's orange 8 and 9 (used for warning text and the filled "Due"/"Thawed" badges) are 3.6:1 and 4.3:1 on
// white; these are 5.2:1 and 5.7:1 and still orange.
const orange = colorsTuple([...DEFAULT_THEME.colors.orange.slice(0, 8), '#c2410c', '#b83c0a']);

export const theme = createTheme({
  primaryColor: 'teal',
  // teal.6 on white is 2.6:1; teal.9 is above 4.5:1 for links and filled buttons.
  primaryShade: { light: 9, dark: 5 },
  colors: { orange },
  // Filled badges and buttons pick black or white text by the background's luminance.
  autoContrast: true,
  luminanceThreshold: 0.45,
  variantColorResolver,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // A link inside a sentence is told apart by more than its colour (WCAG 1.4.1, axe-core link-in-text-block).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // A table that scrolls sideways on a phone can be scrolled with the keyboard too (focusable region).
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});
