import React, { useEffect, useMemo, useRef, useState } from 'react';
import { dateTime, EventBusSrv, LoadingState, PanelProps } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../../panel/options';
import { ImpactPanel } from '../../panel/components/ImpactPanel';
import { ImpactOptions } from '../../panel/types';
import { TEST_IDS } from '../constants';
import { ReleaseHealth } from '../data/loadReleaseHealth';
import { setRange } from './useAppLocation';

const HEIGHT = 420;

/**
 * The Deploy Impact panel itself, fed every service's metric (a deploy can break another
 * service, and the panel says so) and this service's deploys only.
 */
export function ImpactView({ health, service }: { health: ReleaseHealth; service: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) {
      return;
    }
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const eventBus = useMemo(() => new EventBusSrv(), []);
  const timeRange = useMemo(() => {
    const from = dateTime(health.range.from);
    const to = dateTime(health.range.to);
    return { from, to, raw: { from, to } };
  }, [health.range]);
  const series = useMemo(() => [...Object.values(health.metricFrames).flat(), ...health.eventFrames], [health]);
  const options: ImpactOptions = useMemo(() => ({ ...DEFAULT_OPTIONS, services: service }), [service]);
  const props = {
    id: 1,
    title: `Deploy Impact: ${service}`,
    data: { state: LoadingState.Done, series, annotations: [], timeRange },
    timeRange,
    timeZone: 'utc',
    options,
    transparent: false,
    width,
    height: HEIGHT,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    eventBus,
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    replaceVariables: (text: string) => text,
    onChangeTimeRange: (range: { from: number; to: number }) => setRange(Math.round(range.from), Math.round(range.to)),
  } as unknown as PanelProps<ImpactOptions>;
  return (
    <div ref={ref} data-testid={TEST_IDS.impactView} style={{ height: HEIGHT }}>
      {width > 0 && <ImpactPanel {...props} />}
    </div>
  );
}
