import React from 'react';
import { PanelProps } from '@grafana/data';

import { ImpactOptions } from './types';

export function ImpactPanel({ data, width, height }: PanelProps<ImpactOptions>) {
  return (
    <div data-testid="data-testid safedeploy-impact-panel" style={{ width, height, overflow: 'auto' }}>
      {data.series.length} frames
    </div>
  );
}
