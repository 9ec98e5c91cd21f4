import React, { useMemo, useRef } from 'react';
import { UPlotChart, useStyles2, useTheme2 } from '@grafana/ui';

import { PanelSeries } from '../../../frames/extractSeries';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { EventOverlay } from '../EventOverlay';
import { alignSeries } from './alignSeries';
import { buildPlotConfig, seriesColor } from './buildPlotConfig';
import { getStyles } from './ImpactGraph.styles';
import { PlotHooks } from './PlotHooks';

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

/**
 * The metric series with deploy events laid over them: the plot, its drag-to-zoom and cursor
 * readout, the events overlay, and the legend. The plot is rebuilt only when the theme, the
 * series names or the range change; new events only redraw the overlay.
 */
export function ImpactGraph({ series, scored, from, to, width, height, showWindows, onZoom }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const readout = useRef<HTMLSpanElement>(null);
  const data = useMemo(() => alignSeries(series), [series]);
  const namesKey = useMemo(() => series.map((s) => s.name ?? s.id).join(NAME_SEPARATOR), [series]);
  const names = useMemo(() => namesKey.split(NAME_SEPARATOR), [namesKey]);
  const config = useMemo(() => buildPlotConfig(theme, names.length, from, to), [theme, names, from, to]);
  const plotHeight = Math.max(MIN_PLOT_HEIGHT, height - LEGEND_HEIGHT);

  return (
    <div className={styles.container} style={{ width, height }} data-testid={TEST_IDS.graph}>
      <UPlotChart config={config} data={data} width={width} height={plotHeight}>
        <PlotHooks config={config} names={names} readout={readout} onZoom={onZoom} />
        <EventOverlay config={config} scored={scored} showWindows={showWindows} boxWidth={width} boxHeight={plotHeight} onZoom={onZoom} />
      </UPlotChart>
      <div className={styles.legend} style={{ height: LEGEND_HEIGHT }}>
        {series.map((s, i) => (
          <span key={s.id} className={styles.legendItem}>
            <span className={styles.swatch} style={{ background: seriesColor(theme, i) }} />
            {s.name}
          </span>
        ))}
        <span ref={readout} className={styles.readout} />
      </div>
    </div>
  );
}
