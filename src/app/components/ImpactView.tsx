import React, { useEffect, useMemo, useRef, useState } from 'react';

import {
  DEFAULT_OPTIONS,
  EmptyState,
  filterEvents,
  ImpactDisplay,
  pendingImpact,
  ScoredEvent,
  TimeZoneContext,
} from '../../panel';
import { TEST_IDS } from '../constants';
import { ReleaseHealth } from '../data/loadReleaseHealth';
import { summaryLine } from '../../dora';
import { RELEASE_SCORE_OPTIONS } from '../data/scoreReleaseEvents';
import { setRange } from './useAppLocation';
import { useTimeZone } from './useTimeZone';

const HEIGHT = 420;

/** The view's width: it follows its box, 0 until measured. */
function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
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
  }, [ref]);
  return width;
}

const zoom = (from: number, to: number) => setRange(Math.round(from), Math.round(to));

/**
 * The Deploy Impact view of one service: every service's metric (a deploy can break another
 * service, and the view says so) with this service's events, scored once by the release
 * health load through the panel's scoring backend, shown with the panel's display components,
 * in the user's time zone as the rest of the page.
 */
export function ImpactView({ health, service }: { health: ReleaseHealth; service: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const scored = useMemo(
    () =>
      filterEvents(health.events, { ...DEFAULT_OPTIONS, services: service }).map((event): ScoredEvent => {
        const impact = health.impacts.get(event.id);
        // Without metric series nothing was scored; the view then says so instead.
        return impact ? { event, impact } : { event, impact: pendingImpact(event), pending: true };
      }),
    [health, service]
  );
  const pending = scored.filter((s) => s.pending).length;
  const keys = health.services.find((s) => s.service === service)?.keys;
  const timeZone = useTimeZone();
  return (
    <div ref={ref} data-testid={TEST_IDS.impactView} style={{ height: HEIGHT }}>
      {width > 0 && health.series.length === 0 && (
        <EmptyState title="No metric series">
          No service&apos;s error metric returned series in this range: configure the metric queries on the app&apos;s
          configuration page.
        </EmptyState>
      )}
      {width > 0 && health.series.length > 0 && (
        <TimeZoneContext.Provider value={timeZone}>
          <ImpactDisplay
            series={health.series}
            scored={scored}
            pending={pending}
            where={pending ? null : health.scoredIn}
            eventsRead={health.events.length}
            from={health.range.from}
            to={health.range.to}
            width={width}
            height={HEIGHT}
            display={DEFAULT_OPTIONS}
            scoreOptions={RELEASE_SCORE_OPTIONS}
            onZoom={zoom}
            summaryText={keys && summaryLine(keys)}
          />
        </TimeZoneContext.Provider>
      )}
    </div>
  );
}
