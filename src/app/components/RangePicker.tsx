import React from 'react';
import { RadioButtonGroup } from '@grafana/ui';

import { RANGE_PRESETS, TEST_IDS } from '../constants';
import { AppLocation, setRange } from './useAppLocation';
import { formatTime } from './format';
import { useTimeZone } from './useTimeZone';

/** Range presets; a zoomed (absolute) range is shown as dates. */
export function RangePicker({ location }: { location: AppLocation }) {
  const timeZone = useTimeZone();
  const preset =
    location.raw.to === 'now' ? RANGE_PRESETS.find((p) => p.value === location.raw.from)?.value : undefined;
  return (
    // A fieldset named by its legend names the choice on every Grafana line; 12.4's radio group
    // also takes the name itself (older lines' groups drop aria-label).
    <fieldset
      data-testid={TEST_IDS.rangePicker}
      style={{ display: 'flex', gap: 8, alignItems: 'center', border: 0, margin: 0, padding: 0, minWidth: 0 }}
    >
      <legend style={{ float: 'left', margin: 0, padding: 0, fontSize: 'inherit' }}>Range</legend>
      <RadioButtonGroup aria-label="Range" options={RANGE_PRESETS} value={preset} onChange={(v) => setRange(v, 'now')} />
      {!preset && (
        <span>
          {formatTime(location.range.from, timeZone)} to {formatTime(location.range.to, timeZone)}
        </span>
      )}
      {location.rangeProblem && (
        <span role="status">
          {`The address's range could not be used (${location.rangeProblem}): showing the 30 days to ${formatTime(location.range.to, timeZone)}. Choose a range here.`}
        </span>
      )}
    </fieldset>
  );
}
