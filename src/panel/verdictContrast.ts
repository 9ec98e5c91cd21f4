import { colorManipulator, GrafanaTheme2 } from '@grafana/data';

import { Verdict } from '../engine';
import { verdictColor } from './verdictStyle';

// Kept apart from verdictStyle, which holds no run-time @grafana/data import: browser tests
// read its labels and shapes in Node, where @grafana/data does not load.

/** WCAG 2.x AA contrast for normal-size text (1.4.3): every verdict name is under 18 px. */
const TEXT_CONTRAST = 4.5;
/** Share by which each step darkens (light theme) or lightens (dark theme) a colour that reads too faintly as text. */
const SHADE_STEP = 0.1;
/** Enough steps to reach black or white from any colour, where every surface reads. */
const MAX_SHADE_STEPS = 30;

/** `color` as the opaque colour it shows over `under` (opaque): translucent theme colours such as `text.disabled` are. */
function opaqueOver(color: string, under: string): string {
  const fg = colorManipulator.decomposeColor(color);
  const alpha = fg.type === 'rgba' || fg.type === 'hsla' ? Number(fg.values[3] ?? 1) : 1;
  if (alpha >= 1 || fg.type.startsWith('hsl')) {
    return color;
  }
  const bg = colorManipulator.decomposeColor(under).values;
  const mixed = [0, 1, 2].map((i) => Math.round(Number(fg.values[i]) * alpha + Number(bg[i]) * (1 - alpha)));
  return `rgb(${mixed.join(', ')})`;
}

/**
 * The verdict's colour for text on `surface` (the page behind it is `theme.colors.background.primary`):
 * its own hue, darkened in a light theme or lightened in a dark one until it reads at
 * TEXT_CONTRAST. The themes' yellow and orange on white, and red and green on dark grey,
 * read at 1.4 to 3.2:1 as they are. O(1): at most MAX_SHADE_STEPS contrast computations.
 *
 * @example
 * verdictTextColor(lightTheme, Verdict.Watch, lightTheme.colors.background.secondary) // a dark yellow, 4.5:1 or more
 */
export function verdictTextColor(theme: GrafanaTheme2, verdict: Verdict, surface: string): string {
  return shadedTo(theme, verdictColor(theme, verdict), surface, TEXT_CONTRAST);
}

/** WCAG 2.x AA for graphical objects needed to understand the content (1.4.11), such as a marker's shape. */
const GRAPHIC_CONTRAST = 3;

/**
 * The outline of a verdict's marker on the panel: the panel's own background, a halo that
 * parts the marker from the event lines, when the fill stands out at GRAPHIC_CONTRAST; else the
 * verdict's hue shaded to that contrast, so the light theme's yellow and orange markers (1.6
 * and 2.6:1 on white) keep a visible shape. O(1).
 *
 * @example
 * verdictOutline(lightTheme, Verdict.Watch) // a dark yellow, 3:1 or more on white
 */
export function verdictOutline(theme: GrafanaTheme2, verdict: Verdict): string {
  const page = theme.colors.background.primary;
  const fill = opaqueOver(verdictColor(theme, verdict), page);
  return colorManipulator.getContrastRatio(fill, page) >= GRAPHIC_CONTRAST
    ? page
    : shadedTo(theme, fill, page, GRAPHIC_CONTRAST);
}

/** `color` darkened (light theme) or lightened (dark theme) until it reads at `ratio` on `surface`. */
function shadedTo(theme: GrafanaTheme2, color: string, surface: string, ratio: number): string {
  const behind = opaqueOver(surface, theme.colors.background.primary);
  let shaded = opaqueOver(color, behind);
  for (let i = 0; i < MAX_SHADE_STEPS && colorManipulator.getContrastRatio(shaded, behind) < ratio; i++) {
    shaded = theme.isDark ? colorManipulator.lighten(shaded, SHADE_STEP) : colorManipulator.darken(shaded, SHADE_STEP);
  }
  return shaded;
}

/**
 * Background and text of a badge filled with the verdict's colour, on a `canvas` surface (what
 * shows through a translucent fill): black or white text, whichever reads better. Grafana's
 * `getContrastText` takes white from 3:1, under AA for text (white on the dark theme's purple
 * reads 3.1:1); the better of black and white is at least 4.58:1 on any fill.
 *
 * @example
 * verdictBadge(darkTheme, Verdict.TurnOff, darkTheme.colors.background.primary) // { background: '#B877D9', color: '#000000' }
 */
export function verdictBadge(
  theme: GrafanaTheme2,
  verdict: Verdict,
  canvas: string
): { background: string; color: string } {
  return fillBadge(verdictColor(theme, verdict), opaqueOver(canvas, theme.colors.background.primary));
}

/** Badge text: Grafana's own `text.maxContrast` of its light and dark themes. */
const BLACK = '#000000';
const WHITE = '#FFFFFF';

/** A badge of any fill on `canvas`: black or white text, whichever reads better. */
export function fillBadge(background: string, canvas: string): { background: string; color: string } {
  const onFill = (text: string) => colorManipulator.getContrastRatio(text, background, canvas);
  return { background, color: onFill(BLACK) >= onFill(WHITE) ? BLACK : WHITE };
}
