import { colorManipulator, GrafanaTheme2 } from '@grafana/data';

import { Verdict } from '../engine';
import { EventKind } from '../events/types';

export const VERDICT_LABEL: Record<Verdict, string> = {
  [Verdict.RollBack]: 'Roll back',
  [Verdict.TurnOff]: 'Turn flag off',
  [Verdict.FixForward]: 'Fix forward',
  [Verdict.Watch]: 'Watch',
  [Verdict.Healthy]: 'Healthy',
  [Verdict.InsufficientData]: 'Not enough data',
  [Verdict.NotScored]: 'Not scored',
};

/** Verdict colours from the theme, so light and dark themes both read right. */
export function verdictColor(theme: GrafanaTheme2, verdict: Verdict): string {
  switch (verdict) {
    case Verdict.RollBack:
      return theme.colors.error.main;
    case Verdict.TurnOff:
      // As urgent as a rollback, but its own hue: the fix is a switch, not a deploy.
      return theme.visualization.getColorByName('purple');
    case Verdict.FixForward:
      return theme.visualization.getColorByName('orange');
    case Verdict.Watch:
      return theme.visualization.getColorByName('yellow');
    case Verdict.Healthy:
      return theme.colors.success.main;
    default:
      return theme.colors.text.disabled;
  }
}

/** WCAG 2.x AA contrast for normal-size text (1.4.3): every verdict name is under 18 px. */
export const TEXT_CONTRAST = 4.5;
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
export const GRAPHIC_CONTRAST = 3;

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

/**
 * One SVG path per kind in a 16×16 box, so a marker's shape tells the kind and colour is
 * never the only signal: deploy ▲, rollback ▼, release ★, config ■, flag ◆, incident ●, pipeline ▬.
 */
export const KIND_PATH: Record<EventKind, string> = {
  [EventKind.Deploy]: 'M8 1 L15 14 L1 14 Z',
  [EventKind.Rollback]: 'M1 2 L15 2 L8 15 Z',
  [EventKind.Release]: 'M8 1 L10 6 L15 6 L11 9.5 L12.5 15 L8 11.5 L3.5 15 L5 9.5 L1 6 L6 6 Z',
  [EventKind.Config]: 'M2 2 H14 V14 H2 Z',
  [EventKind.Flag]: 'M8 1 L15 8 L8 15 L1 8 Z',
  [EventKind.Incident]: 'M8 1 A7 7 0 1 1 7.99 1 Z',
  [EventKind.Pipeline]: 'M1 5 H15 V11 H1 Z',
};
