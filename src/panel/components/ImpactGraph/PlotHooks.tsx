import { useEffect, useLayoutEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { TimeZone } from '@grafana/schema';
import { UPlotConfigBuilder } from '@grafana/ui';
import { formatTime } from '../../data/TimeZoneContext';
import { attachPlotKeyboard, PlotPin } from './plotKeyboard';

/** A drag narrower than this is a click, not a selection, px. */
const MIN_SELECTION_WIDTH = 2;

interface Props {
  config: UPlotConfigBuilder;
  /** Series names in plot order, for the cursor readout. */
  names: string[];
  /** Each series' value as its unit and decimals say, in plot order. */
  formats: Array<(value: number | null | undefined) => string>;
  /** The dashboard's time zone, the readout's time is in. */
  timeZone: TimeZone;
  /** Where the readout under the cursor is written; it is set as text, never as markup. */
  readout: React.RefObject<HTMLSpanElement | null>;
  onZoom: (from: number, to: number) => void;
  /** A click (not a drag) or Enter on the plot: the series tooltip pins there. */
  onPin: (pin: PlotPin) => void;
}

/** "2026-01-05 10:20  errors 1.3%   latency –": the time and each series' value under the cursor, in its unit. */
export function readoutText(
  time: number,
  names: string[],
  values: Array<number | null | undefined>,
  formats: Array<(value: number | null | undefined) => string>,
  timeZone: TimeZone
): string {
  const parts = values.map((v, i) => `${names[i]} ${formats[i] ? formats[i](v) : (v ?? '–')}`);
  return `${formatTime(time, 'YYYY-MM-DD HH:mm', timeZone)}  ${parts.join('   ')}`;
}

/**
 * Drag-to-zoom, click-to-pin, the cursor readout and the plot's keyboard use (plotKeyboard),
 * registered as uPlot hooks on the config.
 * Rendered as a child of UPlotChart: children's layout effects run before the chart builds its
 * plot from the config, as with Grafana's own plot plugins. The hooks read the latest names,
 * formats and callbacks through refs, so a new callback never rebuilds the plot.
 */
export function PlotHooks({ config, names, formats, timeZone, readout, onZoom, onPin }: Props) {
  const latest = useRef({ names, formats, timeZone, onZoom, onPin });
  useEffect(() => {
    latest.current = { names, formats, timeZone, onZoom, onPin };
  }, [names, formats, timeZone, onZoom, onPin]);

  useLayoutEffect(() => {
    config.addHook('setSelect', (u: uPlot) => {
      const { left, width } = u.select;
      if (width > MIN_SELECTION_WIDTH) {
        latest.current.onZoom(u.posToVal(left, 'x'), u.posToVal(left + width, 'x'));
      }
      u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    });
    config.addHook('setCursor', (u: uPlot) => {
      const el = readout.current;
      if (!el) {
        return;
      }
      const idx = u.cursor.idx;
      const { names: current, formats: formatters, timeZone: zone } = latest.current;
      el.textContent =
        idx === null || idx === undefined
          ? ''
          : readoutText(
              u.data[0][idx],
              current,
              u.data.slice(1).map((column) => column[idx]),
              formatters,
              zone
            );
    });
    config.addHook('init', (u: uPlot) => {
      let downX = 0;
      u.over.addEventListener('mousedown', (e) => {
        downX = e.clientX;
      });
      u.over.addEventListener('click', (e) => {
        const idx = u.cursor.idx;
        // The end of a drag is a selection, not a click.
        if (Math.abs(e.clientX - downX) <= MIN_SELECTION_WIDTH && idx !== null && idx !== undefined) {
          latest.current.onPin({ time: u.data[0][idx], clientX: e.clientX, clientY: e.clientY });
        }
      });
      attachPlotKeyboard(
        u,
        () => readout.current,
        (pin) => latest.current.onPin({ ...pin, byKeyboard: true })
      );
    });
  }, [config, readout]);

  return null;
}
