import React from 'react';
import { RadioButtonGroup } from '@grafana/ui';

import { RANGE_PRESETS, TEST_IDS } from '../constants';
import { AppLocation, setRange } from './useAppLocation';
import { formatTime } from './format';

/** Range presets; a zoomed (absolute) range is shown as dates. */
export function RangePicker({ location }: { location: AppLocation }) {
  const preset =
    location.raw.to === 'now' ? RANGE_PRESETS.find((p) => p.value === location.raw.from)?.value : undefined;
  return (
    <div data-testid={TEST_IDS.rangePicker} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <span>Range</span>
      <RadioButtonGroup options={RANGE_PRESETS} value={preset} onChange={(v) => setRange(v, 'now')} />
      {!preset && (
        <span>
          {formatTime(location.range.from)} to {formatTime(location.range.to)}
        </span>
      )}
    </div>
  );
}
