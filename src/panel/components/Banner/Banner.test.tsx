import React from 'react';
import { render, screen } from '@testing-library/react';

import { Verdict } from '../../../engine';
import { EventKind } from '../../../events/types';
import { TEST_IDS } from '../../testIds';
import { makeScored } from '../../testing/makeScored';
import { Banner, dataLeftMs, newestChange } from './Banner';

const MINUTE = 60_000;
const T = Date.UTC(2026, 0, 5, 10);

describe('Banner', () => {
  it('names the decision, the deploy and the main reason', () => {
    render(<Banner scored={makeScored({ service: 'web', version: 'v5.3.0' }, { verdict: Verdict.FixForward, reasons: ['web errors 3.3x baseline', 'x'] })} afterMs={30 * MINUTE} />);
    const banner = screen.getByTestId(TEST_IDS.banner);
    expect(banner).toHaveTextContent('Fix forward');
    expect(banner).toHaveTextContent('web v5.3.0');
    expect(banner).toHaveTextContent('web errors 3.3x baseline');
    expect(banner).toHaveAttribute('role', 'status');
  });

  it('says how much data is left while watching', () => {
    const scored = makeScored(
      { time: T },
      { verdict: Verdict.Watch, series: [{ incomplete: true, impact: { to: T + 18 * MINUTE } } as never] }
    );
    expect(dataLeftMs(scored, 30 * MINUTE)).toBe(12 * MINUTE);
    render(<Banner scored={scored} afterMs={30 * MINUTE} />);
    expect(screen.getByTestId(TEST_IDS.banner)).toHaveTextContent('Watching: 12 min of data left');
  });

  it('picks the newest change, not an incident or pipeline', () => {
    const older = makeScored({ id: 'old', time: T });
    const newer = makeScored({ id: 'new', time: T + MINUTE });
    const incident = makeScored({ id: 'inc', time: T + 2 * MINUTE, kind: EventKind.Incident });
    expect(newestChange([newer, incident, older])?.event.id).toBe('new');
    expect(newestChange([incident])).toBeNull();
  });
});
