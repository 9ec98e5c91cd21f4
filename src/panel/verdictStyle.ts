import { GrafanaTheme2 } from '@grafana/data';

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
