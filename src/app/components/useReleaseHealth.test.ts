import { ReleaseHealth } from '../data/loadReleaseHealth';
import { AppSettings } from '../types';
import { RELATIVE_RANGE_REUSE_MS, sharedReleaseHealth } from './useReleaseHealth';

const MINUTE = 60_000;
const settings = { eventSources: [] } as unknown as AppSettings;

function counter() {
  const ranges: Array<{ from: number; to: number }> = [];
  const load = (_: AppSettings, range: { from: number; to: number }) => {
    ranges.push(range);
    return Promise.resolve({ range } as ReleaseHealth);
  };
  return { ranges, load };
}

describe('sharedReleaseHealth', () => {
  it('gives every page the one computation of a relative range, though each resolves now a minute later', async () => {
    const { ranges, load } = counter();
    const raw = { from: 'now-30d', to: 'now' };
    const t0 = 1_000 * MINUTE;
    const overview = sharedReleaseHealth(settings, raw, { from: t0 - 30 * 1440 * MINUTE, to: t0 }, t0, load);
    const readiness = sharedReleaseHealth(
      settings,
      raw,
      { from: t0 + MINUTE - 30 * 1440 * MINUTE, to: t0 + MINUTE },
      t0 + MINUTE,
      load
    );
    expect(readiness.promise).toBe(overview.promise);
    expect(ranges).toHaveLength(1);
    expect((await readiness.promise).range.to).toBe(t0);
  });

  it('reads a relative range again once the result is older than the reuse period', () => {
    const { ranges, load } = counter();
    const raw = { from: 'now-7d', to: 'now' };
    const first = sharedReleaseHealth(settings, raw, { from: 0, to: MINUTE }, 0, load);
    const later = sharedReleaseHealth(settings, raw, { from: 5, to: 2 * MINUTE }, RELATIVE_RANGE_REUSE_MS, load);
    expect(later.promise).not.toBe(first.promise);
    expect(ranges).toHaveLength(2);
  });

  it('keeps an absolute range for good and keeps ranges apart', () => {
    const { ranges, load } = counter();
    const raw = { from: '1000', to: '2000' };
    const a = sharedReleaseHealth(settings, raw, { from: 1000, to: 2000 }, 0, load);
    expect(
      sharedReleaseHealth(settings, raw, { from: 1000, to: 2000 }, 10 * RELATIVE_RANGE_REUSE_MS, load).promise
    ).toBe(a.promise);
    sharedReleaseHealth(settings, { from: '1000', to: '3000' }, { from: 1000, to: 3000 }, 0, load);
    expect(ranges).toHaveLength(2);
  });
});
