import {
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  TableScrollContainer,
  type VariantColorsResolver,
} from '@mantine/core';

// Text on light and outline badges, buttons and alerts in the colour's darkest shade: Mantine's default (shade 6)
// is below the WCAG 2.1 AA contrast ratio of 4.5:1 on white for most colours (axe-core color-contrast).
const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return base;
  // Shade 9 mixed with a fifth of black: at least 4.5:1 also on the light variants' tinted background.
  const dark = `color-mix(in srgb, var(--mantine-color-${parsed.color}-9) 80%, black)`;
  if (input.variant === 'light' || input.variant === 'subtle') return { ...base, color: dark };
  if (input.variant === 'outline') return { ...base, color: dark, border: `1px solid ${dark}` };
  return base;
};

export const theme = createTheme({
  primaryColor: 'teal',
  // teal.6 on white is 2.6:1; teal.9 is above 4.5:1 for links and filled buttons.
  primaryShade: { light: 9, dark: 5 },
  // Filled badges and buttons pick black or white text by the background's luminance.
  autoContrast: true,
  luminanceThreshold: 0.45,
  variantColorResolver,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // A table that scrolls sideways on a phone can be scrolled with the keyboard too (focusable region).
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});
