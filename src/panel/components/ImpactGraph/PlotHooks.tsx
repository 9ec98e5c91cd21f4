import { useEffect, useLayoutEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { dateTimeFormat } from '@grafana/data';
import { UPlotConfigBuilder } from '@grafana/ui';

/** A drag narrower than this is a click, not a selection, px. */
const MIN_SELECTION_WIDTH = 2;

interface Props {
  config: UPlotConfigBuilder;
  /** Series names in plot order, for the cursor readout. */
  names: string[];
  /** Where the readout under the cursor is written; it is set as text, never as markup. */
  readout: React.RefObject<HTMLSpanElement | null>;
  onZoom: (from: number, to: number) => void;
}

/** "2026-01-05 10:20  errors 12   latency –": the time and each series' value under the cursor. */
export function readoutText(time: number, names: string[], values: Array<number | null | undefined>): string {
  const parts = values.map((v, i) => `${names[i]} ${v ?? '–'}`);
  return `${dateTimeFormat(time, { format: 'YYYY-MM-DD HH:mm', timeZone: 'utc' })}  ${parts.join('   ')}`;
}

/**
 * Drag-to-zoom and the cursor readout, registered as uPlot hooks on the config. Rendered as
 * a child of UPlotChart: children's layout effects run before the chart builds its plot from
 * the config, as with Grafana's own plot plugins. The hooks read the latest names and
 * callback through refs, so a new callback never rebuilds the plot.
 */
export function PlotHooks({ config, names, readout, onZoom }: Props) {
  const latest = useRef({ names, onZoom });
  useEffect(() => {
    latest.current = { names, onZoom };
  }, [names, onZoom]);

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
      el.textContent =
        idx === null || idx === undefined
          ? ''
          : readoutText(
              u.data[0][idx],
              latest.current.names,
              u.data.slice(1).map((column) => column[idx])
            );
    });
  }, [config, readout]);

  return null;
}
