import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom-v5-compat';

import { computeKeys } from '../../dora';
import { TEST_IDS } from '../constants';
import { Notice, ReleaseHealth } from '../data/loadReleaseHealth';
import { ServiceDetail } from './ServiceDetail';

const DAY = 86_400_000;
const TO = Date.UTC(2026, 10, 30);
const range = { from: TO - 30 * DAY, to: TO };
const location = {
  pathname: '/a/safedeploy-deploys-app/services/checkout',
  hash: '',
  raw: { from: 'now-30d', to: 'now' },
  range,
};

/** A read that found no services, with what reading said. */
function emptyHealth(notices: Notice[]): ReleaseHealth {
  const keys = computeKeys([], range);
  return {
    range,
    services: [],
    allServices: keys,
    events: [],
    series: [],
    impacts: new Map(),
    scoredIn: null,
    pager: { state: 'unavailable', reason: 'not read' },
    notices,
  };
}

describe('ServiceDetail', () => {
  describe('edge cases', () => {
    // A 502 from the event source read as "No deploys of checkout in this range: widen the range".
    it('says the deploys could not be read, not that there were none, when reading the event sources failed', () => {
      const failed: Notice = { severity: 'error', text: 'Events from GitHub shop/checkout failed: Bad Gateway (HTTP 502)' };
      render(
        <MemoryRouter>
          <ServiceDetail health={emptyHealth([failed])} service="checkout" location={location} />
        </MemoryRouter>
      );
      const empty = screen.getByTestId(TEST_IDS.emptyState);
      expect(empty).toHaveAttribute('data-read-failed', 'true');
      expect(screen.getByRole('heading').textContent).toBe('Deploys of checkout could not be read');
      expect(empty.textContent).toContain('HTTP 502');
      expect(empty.textContent).not.toMatch(/Widen the range/);
    });

    it('says a quiet range has no deploys of the service, and links back to the overview', () => {
      render(
        <MemoryRouter>
          <ServiceDetail health={emptyHealth([])} service="checkout" location={location} />
        </MemoryRouter>
      );
      expect(screen.getByRole('heading').textContent).toBe('No deploys of checkout in this range');
      expect(screen.getByRole('link', { name: 'services overview' })).toHaveAttribute(
        'href',
        '/a/safedeploy-deploys-app/services?from=now-30d&to=now'
      );
    });
  });
});
