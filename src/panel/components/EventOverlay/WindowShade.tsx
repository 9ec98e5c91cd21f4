import React from 'react';
import { colorManipulator } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { PlotGeometry } from '../../layout/plotGeometry';
import { getStyles } from './EventOverlay.styles';

/** Opacity of the hovered event's baseline and impact windows. */
const WINDOW_ALPHA = 0.16;
/** Narrower shaded windows go unlabelled, px. */
const LABEL_MIN_WIDTH = 56;

interface Props {
  label: string;
  testId: string;
  /** Left and right edges, px. */
  from: number;
  to: number;
  geometry: PlotGeometry;
  color: string;
}

/** One shaded window over the plot, labelled where the label fits. */
export function WindowShade({ label, testId, from, to, geometry, color }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles.window}
      data-testid={testId}
      style={{ left: from, top: geometry.top, height: geometry.height, width: Math.max(1, to - from), background: colorManipulator.alpha(color, WINDOW_ALPHA) }}
    >
      {to - from >= LABEL_MIN_WIDTH && <span className={styles.windowLabel}>{label}</span>}
    </div>
  );
}
