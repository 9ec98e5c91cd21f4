import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom-v5-compat';

import { buildChanges, computeKeys } from '../../dora';
import { EventKind, EventSource, EventStatus } from '../../events/types';
import { extractEvents } from '../../frames/extractEvents';
import { eventsToFrame } from '../../datasource/eventsToFrame';
import { makeEvent } from '../../events/normalize';
import { ReleaseHealth } from '../data/loadReleaseHealth';
import { ServicesOverview } from './ServicesOverview';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TO = Date.UTC(2026, 10, 30);
const range = { from: TO - 30 * DAY, to: TO };

// CONSTRUCTED: GitHub deployments of checkout, each with the pull request it shipped (merged two hours before it), as attachShippedPulls sets them.
const events = extractEvents([
  eventsToFrame(
    Array.from({ length: 4 }, (_, i) => {
      const time = range.from + (i + 1) * 5 * DAY;
      return makeEvent({ id: `gh:${i}`, time, source: EventSource.GitHub, kind: EventKind.Deploy, status: EventStatus.Success, service: 'checkout', environment: 'production', version: `v${i}`, mergedChanges: 1, mergeTimes: [time - 2 * HOUR] });
    }),
    'E0'
  ),
]);

function health(): ReleaseHealth {
  const deploys = buildChanges(events, new Map());
  const keys = computeKeys(deploys, range);
  return {
    range,
    services: [{ service: 'checkout', deploys, keys, metric: { state: 'missing' }, sources: ['github'] }],
    allServices: keys,
    events,
    series: [],
    impacts: new Map(),
    scoredIn: null,
    pager: { state: 'unavailable', reason: 'not read' },
    notices: [],
  };
}

describe('ServicesOverview', () => {
  // The pages called a merge-to-deploy median DORA's "lead time for changes", which DORA starts at the commit.
  it('names lead time as what it measures, merge to deploy, and says its band is at best DORA’s', () => {
    render(
      <MemoryRouter>
        <ServicesOverview health={health()} location={{ pathname: '/a/safedeploy-deploys-app/services', hash: '', raw: { from: 'now-30d', to: 'now' }, range }} />
      </MemoryRouter>
    );
    expect(screen.getByRole('columnheader', { name: /Lead time for changes/ }).textContent).toContain('merge to deploy');
    expect(document.querySelector('[data-key="leadTime"]')?.getAttribute('data-value')).toBe(String(2 * HOUR));
    expect(document.body.textContent).toMatch(/lead time[^.]*from the merge[^.]*commit[^.]*DORA/i);
  });
});
