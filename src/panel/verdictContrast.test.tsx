import React from 'react';
import { render, screen } from '@testing-library/react';
import { colorManipulator, createTheme, GrafanaTheme2, ThemeContext } from '@grafana/data';

import { Verdict } from '../engine';
import { Banner } from './components/Banner';
import { EventTooltip } from './components/EventTooltip';
import { MarkerButton } from './components/Markers/MarkerButton';
import { RankedList } from './components/RankedList';
import { TEST_IDS } from './testIds';
import { makeScored } from './testing/makeScored';
import { ScoredEvent } from './types';
import { VERDICT_LABEL } from './verdictStyle';

/** WCAG 2.x AA for normal-size text (1.4.3): the verdict names are 12 to 16 px. */
const AA_TEXT = 4.5;
/** WCAG 2.x AA for graphical objects needed to understand the content (1.4.11): a marker's shape. */
const AA_GRAPHIC = 3;
const VERDICTS = Object.values(Verdict);

function inTheme(theme: GrafanaTheme2, ui: React.ReactElement) {
  return render(<ThemeContext.Provider value={theme}>{ui}</ThemeContext.Provider>);
}

/** An opaque colour over an opaque one, as `over` shows when translucent (alpha blending). */
function blend(over: string, under: string): string {
  const fg = colorManipulator.decomposeColor(over).values.map(Number);
  const bg = colorManipulator.decomposeColor(under).values.map(Number);
  const alpha = fg[3] ?? 1;
  return `rgb(${[0, 1, 2].map((i) => Math.round(fg[i] * alpha + bg[i] * (1 - alpha))).join(', ')})`;
}

/** Contrast of an element's inline text colour on its inline background, or on `surface` behind it; translucent colours blended over what is under them. */
function contrastOf(el: HTMLElement, surface: string, canvas: string): number {
  const background = blend(el.style.background || el.style.backgroundColor || surface, blend(surface, canvas));
  return colorManipulator.getContrastRatio(blend(el.style.color, background), background);
}

/** The marker of `items` (one event, or a cluster), its worst the first. */
function markerOf(items: ScoredEvent[]) {
  const none = () => {};
  return (
    <MarkerButton
      cluster={{ x: 50, items }}
      worst={items[0]}
      rowTop={40}
      expanded={false}
      buttonRef={none}
      onShow={none}
      onHide={none}
      onFocus={none}
      onBlur={none}
      onKeyDown={none}
      onClick={none}
    />
  );
}

describe.each(['dark', 'light'] as const)('verdict colours in the %s theme', (mode) => {
  const theme = createTheme({ colors: { mode } });
  const page = theme.colors.background.primary;

  it.each(VERDICTS)('the banner heading of %s reads at AA contrast on the banner', (verdict) => {
    inTheme(theme, <Banner scored={makeScored({}, { verdict })} afterMs={0} />);
    const heading = screen.getByText(VERDICT_LABEL[verdict]);
    expect(contrastOf(heading, theme.colors.background.secondary, page)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it.each(VERDICTS)('the ranked list badge of %s reads at AA contrast', (verdict) => {
    inTheme(theme, <RankedList scored={[makeScored({}, { verdict })]} height={200} onSelect={() => {}} />);
    const badge = screen.getByText(VERDICT_LABEL[verdict]);
    expect(contrastOf(badge, page, page)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it.each(VERDICTS)('the tooltip badge of %s reads at AA contrast', (verdict) => {
    inTheme(theme, <EventTooltip scored={makeScored({}, { verdict, reasons: [] })} />);
    const badge = screen.getByText(VERDICT_LABEL[verdict]);
    expect(contrastOf(badge, theme.components.tooltip.background, page)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it.each(VERDICTS)('the count on a cluster whose worst is %s reads at AA contrast', (verdict) => {
    const items = [makeScored({ id: 'a' }, { verdict }), makeScored({ id: 'b' }, { verdict })];
    inTheme(theme, markerOf(items));
    const count = screen.getByTestId(TEST_IDS.cluster).querySelector('span') as HTMLElement;
    expect(contrastOf(count, page, page)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it.each(VERDICTS)(
    'the marker of an event judged %s stands out from the panel (fill or outline at 3:1)',
    (verdict) => {
      const only = [makeScored({ id: 'a' }, { verdict })];
      inTheme(theme, markerOf(only));
      const path = screen.getByTestId(TEST_IDS.marker).querySelector('path')!;
      const against = (color: string) => colorManipulator.getContrastRatio(blend(color, page), page);
      expect(
        Math.max(against(path.getAttribute('fill')!), against(path.getAttribute('stroke')!))
      ).toBeGreaterThanOrEqual(AA_GRAPHIC);
    }
  );
});
