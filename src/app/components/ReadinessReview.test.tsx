import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom-v5-compat';
import { config } from '@grafana/runtime';

import { eventsToFrame } from '../../datasource/eventsToFrame';
import { makeEvent } from '../../events/normalize';
import { EventKind, EventSource, EventStatus } from '../../events/types';
import { TEST_IDS } from '../constants';
import { loadReleaseHealth } from '../data/loadReleaseHealth';
import { withAppDefaults } from '../withAppDefaults';
import { ReadinessReview } from './ReadinessReview';

const mockRunQuery = jest.fn();
jest.mock('../data/runQuery', () => ({ runQuery: (...args: unknown[]) => mockRunQuery(...args) }));
jest.mock('@grafana/runtime', () => {
  const { of } = jest.requireActual('rxjs');
  return {
    ...jest.requireActual('@grafana/runtime'),
    // A Loki-backed state history with no transitions.
    getBackendSrv: () => ({ fetch: () => of({ data: { schema: { fields: [{ name: 'time' }, { name: 'line' }, { name: 'labels' }] }, data: { values: [[], [], []] } } }) }),
  };
});

const DAY = 86_400_000;
const TO = Date.UTC(2026, 10, 30);
const FROM = TO - 30 * DAY;
const settings = withAppDefaults({
  eventSources: [{ datasource: { uid: 'events', type: 'safedeploy-events-datasource' }, provider: 'github', scope: 'shop/checkout', environment: 'production' }],
});

// CONSTRUCTED: six deploys of checkout and a rollback, no error metric (so every verdict-based item links its deploys or is unknown).
const events = [
  ...Array.from({ length: 6 }, (_, i) =>
    makeEvent({ id: `gh:${i}`, time: FROM + (i + 1) * 4 * DAY, source: EventSource.GitHub, kind: EventKind.Deploy, status: EventStatus.Success, service: 'checkout', environment: 'production', version: `v${i}` })
  ),
  makeEvent({ id: 'gh:rb', time: FROM + 25 * DAY, source: EventSource.GitHub, kind: EventKind.Rollback, status: EventStatus.Success, service: 'checkout', environment: 'production', version: 'v4' }),
];

describe('ReadinessReview Markdown export', () => {
  // Links missed Grafana's sub path (root_url .../grafana/) and carried the relative now-30d.
  it("links each deploy under Grafana's sub path with the review's own dates", async () => {
    mockRunQuery.mockResolvedValue({ frames: [eventsToFrame(events, 'E0')], error: null });
    const health = await loadReleaseHealth(settings, { from: FROM, to: TO });
    const before = config.appSubUrl;
    config.appSubUrl = '/grafana';
    try {
      render(
        <MemoryRouter>
          <ReadinessReview
            health={health}
            service="checkout"
            settings={settings}
            location={{ pathname: '/a/safedeploy-deploys-app/readiness/checkout', hash: '', raw: { from: 'now-30d', to: 'now' }, range: { from: FROM, to: TO } }}
          />
        </MemoryRouter>
      );
      fireEvent.click(screen.getByText('Show Markdown'));
      const links = (screen.getByTestId(TEST_IDS.markdown).textContent ?? '').match(/\]\(([^)]*)\)/g) ?? [];
      expect(links.length).toBeGreaterThan(0);
      const prefix = `](${window.location.origin}/grafana/a/safedeploy-deploys-app/services/checkout?from=${FROM}&to=${TO}#deploy-`;
      expect(links.filter((l) => !l.startsWith(prefix))).toStrictEqual([]);
    } finally {
      config.appSubUrl = before;
    }
  });
});

describe('ReadinessReview overview order', () => {
  // The readiness overview's order, like the services overview's, was lost on reload and in a shared link.
  it('shows the services in the order the address names', async () => {
    mockRunQuery.mockResolvedValue({ frames: [eventsToFrame(events, 'E0')], error: null });
    const health = await loadReleaseHealth(settings, { from: FROM, to: TO });
    // CONSTRUCTED: checkout's health under two more names.
    const services = ['api', 'checkout', 'web'].map((service) => ({ ...health.services[0], service }));
    render(
      <MemoryRouter>
        <ReadinessReview
          health={{ ...health, services }}
          service={null}
          settings={settings}
          location={{ pathname: '/a/safedeploy-deploys-app/readiness', search: '?sort=service-desc', hash: '', raw: { from: 'now-30d', to: 'now' }, range: { from: FROM, to: TO } }}
        />
      </MemoryRouter>
    );
    expect(screen.getAllByTestId(TEST_IDS.serviceRow).map((r) => r.getAttribute('data-service'))).toStrictEqual(['web', 'checkout', 'api']);
    expect(screen.getByRole('columnheader', { name: /Service/ }).getAttribute('aria-sort')).toBe('descending');
  });
});
