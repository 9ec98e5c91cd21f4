import React, { useLayoutEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { UPlotConfigBuilder, useTheme2 } from '@grafana/ui';

import { PlotGeometry, plotGeometry, sameGeometry, toX } from '../../layout/plotGeometry';
import { TEST_IDS } from '../../testIds';
import { ScoredEvent } from '../../types';
import { verdictColor } from '../../verdictStyle';
import { Markers } from '../Markers';
import { drawEvents } from './drawEvents';
import { WindowShade } from './WindowShade';

interface Props {
  config: UPlotConfigBuilder;
  scored: ScoredEvent[];
  showWindows: boolean;
  /** Size of the plot's box, px: the tooltip stays inside it. */
  boxWidth: number;
  boxHeight: number;
  onZoom: (from: number, to: number) => void;
}

/** The running Grafana's uPlot pixel ratio, read off the plot's class (the panel bundles no uPlot). */
function pxRatioOf(u: uPlot): number {
  const ratio = (u.constructor as typeof uPlot).pxRatio;
  return typeof ratio === 'number' && ratio > 0 ? ratio : 1;
}

/**
 * The events over the plot, in the shape of Grafana's annotations plugin: rendered as a child
 * of UPlotChart, it registers its uPlot hooks on the config before the plot is built. `draw`
 * paints the event lines from the latest events (through a ref); the plot area and span the
 * DOM overlay needs (markers, tooltip, shaded windows) are taken when the plot is ready and
 * whenever its size or x scale changes, never inside `draw`. Hovering is a React update of the
 * overlay and never redraws the canvas.
 */
export function EventOverlay({ config, scored, showWindows, boxWidth, boxHeight, onZoom }: Props) {
  const theme = useTheme2();
  const [geometry, setGeometry] = useState<PlotGeometry | null>(null);
  const [active, setActive] = useState<ScoredEvent | null>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef({ scored, theme });

  useLayoutEffect(() => {
    const measure = (u: uPlot) => {
      plot.current = u;
      const next = plotGeometry(u.bbox, pxRatioOf(u), u.scales.x.min ?? 0, u.scales.x.max ?? 0);
      setGeometry((prev) => (sameGeometry(prev, next) ? prev : next));
    };
    config.addHook('ready', measure);
    config.addHook('setSize', measure);
    config.addHook('setScale', (u: uPlot, scaleKey: string) => scaleKey === 'x' && measure(u));
    config.addHook('draw', (u: uPlot) => drawEvents(u, latest.current.scored, latest.current.theme, pxRatioOf(u)));
  }, [config]);

  // New events redraw the event lines without rebuilding the series paths.
  useLayoutEffect(() => {
    latest.current = { scored, theme };
    plot.current?.redraw(false);
  }, [scored, theme]);

  if (!geometry) {
    return null;
  }
  const window = active?.impact.series.find((s) => s.status === 'ok');
  return (
    <>
      {showWindows && window?.baseline && window.impact && active && (
        <>
          <WindowShade label="baseline" testId={TEST_IDS.windowBaseline} from={toX(geometry, window.baseline.from)} to={toX(geometry, window.baseline.to)} geometry={geometry} color={theme.colors.text.secondary} />
          <WindowShade label="impact" testId={TEST_IDS.windowImpact} from={toX(geometry, window.impact.from)} to={toX(geometry, window.impact.to)} geometry={geometry} color={verdictColor(theme, active.impact.verdict)} />
        </>
      )}
      <Markers scored={scored} geometry={geometry} boxWidth={boxWidth} boxHeight={boxHeight} onActivate={setActive} onZoom={onZoom} />
    </>
  );
}
