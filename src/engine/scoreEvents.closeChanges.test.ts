import { scoreEvents } from './index';
import { Verdict } from './types';

const MIN = 60_000;
const START = Date.UTC(2026, 0, 1);

/** CONSTRUCTED: a Poisson draw of the mean, from a seeded generator (LCG). */
function poissonFrom(seed: number): (mean: number) => number {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return (mean) => {
    let k = 0;
    for (let p = random(); p > Math.exp(-mean); p *= random()) {
      k++;
    }
    return k;
  };
}

/**
 * CONSTRUCTED: three days of one-minute error counts of checkout (Poisson, 20 a minute), from
 * 180 minutes before the end at 80 a minute from the first or the second of two deploys three
 * minutes apart: checkout's, then cart's (another team's, listed in the same events).
 */
function twoDeploys(culprit: 'checkout' | 'cart' | 'neither', seed: number, gapMin = 3) {
  const poisson = poissonFrom(seed);
  const n = 3 * 1440;
  const at = n - 180;
  const from = culprit === 'checkout' ? at : culprit === 'cart' ? at + gapMin : Infinity;
  const times = Array.from({ length: n }, (_, i) => START + i * MIN);
  const values = times.map((_, i) => poisson(i >= from ? 80 : 20));
  const [checkout, cart] = scoreEvents(
    [{ id: 'errors', service: 'checkout', times, values }],
    [
      { id: 'checkout-v2', kind: 'deploy', service: 'checkout', time: START + at * MIN },
      { id: 'cart-v7', kind: 'deploy', service: 'cart', time: START + (at + gapMin) * MIN },
    ]
  );
  return { checkout, cart };
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('two changes closer than an impact window', () => {
  it.each(SEEDS)('a rise that began before the later deploy is the earlier deploy\'s (seed %i)', (seed) => {
    const { checkout, cart } = twoDeploys('checkout', seed);
    expect(checkout.verdict).toBe(Verdict.RollBack);
    expect(checkout.attribution).toBeNull();
    expect(checkout.reasons.join(' ')).toMatch(/cart followed 3 min later, after the change had begun/);
    expect(cart.verdict).toBe(Verdict.Watch);
    expect(cart.attribution).toMatchObject({ to: 'checkout-v2' });
    expect(cart.moved).toStrictEqual([]);
  });

  it.each(SEEDS)('a rise that began with the later deploy is still the later deploy\'s (seed %i)', (seed) => {
    const { checkout, cart } = twoDeploys('cart', seed);
    expect(cart.verdict).toBe(Verdict.RollBack);
    expect(cart.attribution).toBeNull();
    expect(checkout.verdict).toBe(Verdict.Watch);
    expect(checkout.attribution).toMatchObject({ to: 'cart-v7' });
  });

  it.each(SEEDS)('with no change at all, the later deploy is healthy and attributed to nothing (seed %i)', (seed) => {
    const { cart } = twoDeploys('neither', seed);
    expect([cart.verdict, cart.attribution]).toStrictEqual([Verdict.Healthy, null]);
  });

  it('on a series with no change, deploys ten minutes apart are attributed to no other', () => {
    // CONSTRUCTED: two days of one-minute counts (Poisson, 20 a minute) and a deploy every ten minutes on the second day.
    const poisson = poissonFrom(5);
    const times = Array.from({ length: 2 * 1440 }, (_, i) => START + i * MIN);
    const values = times.map(() => poisson(20));
    const deploys = Array.from({ length: 140 }, (_, k) => ({ id: `d${k}`, kind: 'deploy', service: 'checkout', time: START + (1440 + 10 * k) * MIN }));
    const results = scoreEvents([{ id: 'errors', service: 'checkout', times, values }], deploys);
    expect(results.filter((r) => r.attribution !== null).map((r) => r.id)).toStrictEqual([]);
  });

  it('of three close changes, the middle one of a rise the first began is attributed to the first, and says nothing else', () => {
    // CONSTRUCTED: as twoDeploys, the rise with checkout's deploy; cart 3 minutes later, search 2 minutes after cart.
    const poisson = poissonFrom(3);
    const at = 3 * 1440 - 180;
    const times = Array.from({ length: 3 * 1440 }, (_, i) => START + i * MIN);
    const values = times.map((_, i) => poisson(i >= at ? 80 : 20));
    const deploy = (id: string, service: string, minute: number) => ({ id, kind: 'deploy', service, time: START + (at + minute) * MIN });
    const [checkout, cart] = scoreEvents([{ id: 'errors', service: 'checkout', times, values }], [deploy('checkout-v2', 'checkout', 0), deploy('cart-v7', 'cart', 3), deploy('search-v3', 'search', 5)]);
    expect(checkout.verdict).toBe(Verdict.RollBack);
    expect(cart.attribution).toMatchObject({ to: 'checkout-v2' });
    expect(cart.reasons.join(' ')).not.toMatch(/it is this event's/);
  });

  it('one sample between the two says nothing of which began it: the later change keeps it', () => {
    const { checkout, cart } = twoDeploys('checkout', 1, 1);
    expect(checkout.attribution).toMatchObject({ to: 'cart-v7' });
    expect(cart.attribution).toBeNull();
  });
});

describe('changes at the same millisecond', () => {
  it('give an earlier deploy the same verdict and fix whatever order the input lists them in', () => {
    // CONSTRUCTED: checkout's errors (Poisson, 20 a minute) up by 60 a minute for 22 minutes after
    // a deploy; 20 minutes after it a rollback that names no service and a hotfix, stamped alike.
    const poisson = poissonFrom(99);
    const n = 3 * 1440;
    const at = n - 240;
    const times = Array.from({ length: n }, (_, i) => START + i * MIN);
    const values = times.map((_, i) => poisson(i >= at && i < at + 22 ? 80 : 20));
    const series = [{ id: 'errors', service: 'checkout', times, values }];
    const deploy = { id: 'v2', kind: 'deploy', service: 'checkout', time: START + at * MIN };
    const rollback = { id: 'rollback-to-v1', kind: 'rollback', time: deploy.time + 20 * MIN };
    const hotfix = { id: 'v2.0.1', kind: 'deploy', service: 'checkout', time: deploy.time + 20 * MIN };
    const judged = (events: object[]) => scoreEvents(series, events as never).map((r) => [r.id, r.verdict, r.fixedBy, r.decisionTaken]).sort();
    const listed = judged([deploy, rollback, hotfix]);
    expect(judged([deploy, hotfix, rollback])).toStrictEqual(listed);
    expect(judged([hotfix, rollback, deploy])).toStrictEqual(listed);
  });
});
