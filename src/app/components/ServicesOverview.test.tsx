import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import { MemoryRouter } from 'react-router-dom-v5-compat';

import { buildChanges, computeKeys } from '../../dora';
import { EventKind, EventSource, EventStatus } from '../../events/types';
import { extractEvents } from '../../frames/extractEvents';
import { eventsToFrame } from '../../datasource/eventsToFrame';
import { makeEvent } from '../../events/normalize';
import { ReleaseHealth, ServiceHealth } from '../data/loadReleaseHealth';
import { TEST_IDS } from '../constants';
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

// CONSTRUCTED: checkout's keys with another name and change failure rate, every change judged.
function withRate(service: string, rate: number): ServiceHealth {
  const [checkout] = health().services;
  const keys = { ...checkout.keys, changeFailureRate: rate, changeFailureRateMax: rate, failed: Math.round(rate * checkout.keys.changes), judged: checkout.keys.changes };
  return { ...checkout, service, keys };
}

function threeServices(): ReleaseHealth {
  return { ...health(), services: [withRate('api', 0.25), withRate('checkout', 0), withRate('web', 0.5)] };
}

const APP_SERVICES = '/a/safedeploy-deploys-app/services';

/** The overview as the app renders it at the address `locationService` holds, as after a reload or an opened link. */
function renderAtAddress() {
  const { pathname, search } = locationService.getLocation();
  return render(
    <MemoryRouter>
      <ServicesOverview health={threeServices()} location={{ pathname, search, hash: '', raw: { from: 'now-30d', to: 'now' }, range }} />
    </MemoryRouter>
  );
}

const shownOrder = () =>
  screen.getAllByTestId(TEST_IDS.serviceRow).map((row) => row.getAttribute('data-service'));

describe('the overview sort in the address', () => {
  beforeEach(() => locationService.push(APP_SERVICES));

  // A sorted overview lost its order on reload, and a shared link showed it by name.
  it('shows the services in the order the address names', () => {
    locationService.push(`${APP_SERVICES}?sort=changeFailureRate-desc`);
    renderAtAddress();
    expect(shownOrder()).toStrictEqual(['web', 'api', 'checkout']);
    expect(screen.getByRole('columnheader', { name: /Change failure rate/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('writes the order chosen from a header to the address, and reads it back after a reload', () => {
    const first = renderAtAddress();
    expect(shownOrder()).toStrictEqual(['api', 'checkout', 'web']);
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Change failure rate/ })).getByRole('button'));
    const chosen = shownOrder();
    expect(chosen).not.toStrictEqual(['api', 'checkout', 'web']);
    expect(new URLSearchParams(locationService.getLocation().search).get('sort')).toMatch(/^changeFailureRate-(asc|desc)$/);
    first.unmount();
    renderAtAddress();
    expect(shownOrder()).toStrictEqual(chosen);
  });

  describe('edge cases', () => {
    it.each(['nonsense', 'changeFailureRate-sideways', '-desc', ''])('shows the services by name for a sort it cannot read: %p', (sort) => {
      locationService.push(`${APP_SERVICES}?sort=${encodeURIComponent(sort)}`);
      renderAtAddress();
      expect(shownOrder()).toStrictEqual(['api', 'checkout', 'web']);
    });
  });
});
