import React, { useCallback, useMemo, useRef, useState } from 'react';
import { DecimalCount } from '@grafana/data';
import { UPlotChart, useStyles2, useTheme2 } from '@grafana/ui';

import { PanelSeries } from '../../../frames/extractSeries';
import { useSeriesDisplay } from '../../data/SeriesDisplayContext';
import { useTimeZone } from '../../data/TimeZoneContext';
import { axisFormat } from '../../data/seriesDisplays';
import { plotScalesOfKey, scaleSourcesKey } from '../../layout/plotScales';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { EventOverlay } from '../EventOverlay';
import { SeriesTooltip, seriesAt, SERIES_TOOLTIP_WIDTH } from '../SeriesTooltip';
import { alignSeries } from './alignSeries';
import { buildPlotConfig, seriesColor } from './buildPlotConfig';
import { getStyles } from './ImpactGraph.styles';
import { Legend } from './Legend';
import { PlotHooks } from './PlotHooks';
import { PlotPin } from './plotKeyboard';

interface Props {
  series: PanelSeries[];
  scored: ScoredEvent[];
  /** The time range shown, epoch ms. */
  from: number;
  to: number;
  width: number;
  height: number;
  showWindows: boolean;
  onZoom: (from: number, to: number) => void;
}

/** Height of the legend row under the plot, px. */
const LEGEND_HEIGHT = 22;
/** The plot keeps at least this height however small the panel, px. */
const MIN_PLOT_HEIGHT = 40;
/** Joins series names into one memo key; no display name contains it. */
const NAME_SEPARATOR = '\u0000';
/** Gap between the click and the pinned tooltip, px. */
const PIN_GAP = 8;

/** A pinned series tooltip: its time, the range it was pinned in, and its place in the graph's box, px. */
interface PinnedAt {
  time: number;
  from: number;
  to: number;
  left: number;
  top: number;
  byKeyboard: boolean;
}

/** The pinned tooltip's place in the graph's box: right of the click, or left of it where it would overflow. */
function pinPosition(pin: PlotPin, box: DOMRect, width: number): { left: number; top: number } {
  const x = pin.clientX - box.left;
  const left =
    x + PIN_GAP + SERIES_TOOLTIP_WIDTH <= width ? x + PIN_GAP : Math.max(0, x - PIN_GAP - SERIES_TOOLTIP_WIDTH);
  return { left, top: Math.max(0, pin.clientY - box.top + PIN_GAP) };
}

/**
 * Whether a pin still belongs to the range shown: an auto-refresh of a relative range ("last 6
 * hours") moves both ends by the same time and keeps the pin while its time is in view; a zoom
 * changes the span and lets it go, as does a move that leaves its time out.
 *
 * @example
 * pinHolds({ time: 50, from: 0, to: 100 }, 5, 105) // true: refreshed
 * pinHolds({ time: 50, from: 0, to: 100 }, 40, 60) // false: zoomed
 */
export function pinHolds(pin: Pick<PinnedAt, 'time' | 'from' | 'to'>, from: number, to: number): boolean {
  return pin.to - pin.from === to - from && pin.time >= from && pin.time <= to;
}

/**
 * The metric series with deploy events laid over them: the plot with one y axis per unit,
 * its drag-to-zoom, cursor readout and click-pinned series tooltip (values and data links),
 * the events overlay, and the legend. Values read in each series' unit (its display from
 * `SeriesDisplayContext`). The plot is rebuilt only when the theme, the series names, the
 * scales or the range change; new events only redraw the overlay.
 */
export function ImpactGraph({ series, scored, from, to, width, height, showWindows, onZoom }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const displayOf = useSeriesDisplay();
  const timeZone = useTimeZone();
  const box = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLSpanElement>(null);
  const [pin, setPin] = useState<PinnedAt | null>(null);
  const data = useMemo(() => alignSeries(series), [series]);
  const displays = useMemo(() => series.map((s) => displayOf(s.id)), [series, displayOf]);
  const formats = useMemo(() => displays.map((d) => d.format), [displays]);
  const namesKey = useMemo(() => series.map((s) => s.name ?? s.id).join(NAME_SEPARATOR), [series]);
  const names = useMemo(() => namesKey.split(NAME_SEPARATOR), [namesKey]);
  const sourcesKey = scaleSourcesKey(displays);
  const scales = useMemo(() => plotScalesOfKey(sourcesKey), [sourcesKey]);
  const config = useMemo(() => {
    const ticks = scales.scales.map((scale) => axisFormat(scale.unit, scale.decimals, theme));
    const formatTick = (scaleIndex: number, value: number, decimals?: DecimalCount) =>
      ticks[scaleIndex]?.(value, decimals) ?? String(value);
    return buildPlotConfig(theme, scales, formatTick, from, to, timeZone);
  }, [theme, scales, from, to, timeZone]);
  const legendColors = useMemo(() => series.map((_, i) => seriesColor(theme, i)), [series, theme]);
  const plotHeight = Math.max(MIN_PLOT_HEIGHT, height - LEGEND_HEIGHT);
  const pinAt = useCallback(
    (at: PlotPin) => {
      const rect = box.current?.getBoundingClientRect();
      if (rect) {
        setPin({ time: at.time, from, to, byKeyboard: at.byKeyboard === true, ...pinPosition(at, rect, width) });
      }
    },
    [from, to, width]
  );
  const pinned = pin && pinHolds(pin, from, to) ? pin : null;
  const byKeyboard = pinned?.byKeyboard === true;
  const unpin = useCallback(() => {
    setPin(null);
    // Pinned with Enter: focus goes back to the plot it came from, not to the page's start.
    if (byKeyboard) {
      box.current?.querySelector<HTMLElement>('.u-over')?.focus();
    }
  }, [byKeyboard]);

  return (
    <div ref={box} className={styles.container} style={{ width, height }} data-testid={TEST_IDS.graph}>
      <UPlotChart config={config} data={data} width={width} height={plotHeight}>
        <PlotHooks config={config} names={names} formats={formats} timeZone={timeZone} readout={readout} onZoom={onZoom} onPin={pinAt} />
        <EventOverlay
          config={config}
          scored={scored}
          showWindows={showWindows}
          boxWidth={width}
          boxHeight={plotHeight}
          onZoom={onZoom}
        />
      </UPlotChart>
      {pinned && (
        <SeriesTooltip
          time={pinned.time}
          rows={seriesAt(series, displayOf, (i) => seriesColor(theme, i), pinned.time)}
          left={pinned.left}
          top={pinned.top}
          onClose={unpin}
          takeFocus={byKeyboard}
        />
      )}
      <Legend names={names} colors={legendColors} width={width} height={LEGEND_HEIGHT} readout={readout} />
    </div>
  );
}
