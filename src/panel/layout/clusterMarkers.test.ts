import { clusterMarkers, MIN_MARKER_SPACING } from './clusterMarkers';

describe('clusterMarkers', () => {
  const x = (m: { x: number }) => m.x;

  it('keeps markers apart when they are at least the minimum spacing apart', () => {
    const clusters = clusterMarkers([{ x: 0 }, { x: MIN_MARKER_SPACING }, { x: 2 * MIN_MARKER_SPACING }], x);
    expect(clusters.map((c) => c.items.length)).toStrictEqual([1, 1, 1]);
  });

  it('merges close markers into one at their mean position', () => {
    const clusters = clusterMarkers([{ x: 30 }, { x: 10 }, { x: 20 }, { x: 100 }], x);
    expect(clusters).toStrictEqual([
      { x: 20, items: [{ x: 10 }, { x: 20 }, { x: 30 }] },
      { x: 100, items: [{ x: 100 }] },
    ]);
  });

  it('does not chain a long run of close markers into one cluster', () => {
    // 90 px of markers 10 px apart: room for four markers 24 px apart; the greedy pass and the
    // merge of a close tail give three, each spanning less than two spacings.
    const run = Array.from({ length: 10 }, (_, i) => ({ x: i * 10 }));
    const clusters = clusterMarkers(run, x);
    expect(clusters.length).toBeGreaterThanOrEqual(3);
    for (const cluster of clusters) {
      const xs = cluster.items.map((i) => i.x);
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(2 * MIN_MARKER_SPACING);
    }
  });

  // Regression: a cluster sits at its members' mean, so a short last cluster (or any two whose
  // means drew together) sat closer than the spacing to its neighbour, and at 200 px the counts of
  // 2,000 events overlapped (tests/browser/panelScale.spec.ts).
  it.each([
    ['a dense run with a short tail', Array.from({ length: 2_001 }, (_, i) => ({ x: i / 10 }))],
    ['a run ten apart', Array.from({ length: 10 }, (_, i) => ({ x: i * 10 }))],
    ['pairs and singles', [0, 23, 24, 48, 71, 72, 96].map((v) => ({ x: v }))],
  ])('keeps every marker at least the minimum spacing from the next: %s', (_, items) => {
    const xs = clusterMarkers(items, x).map((c) => c.x);
    const gaps = xs.slice(1).map((v, i) => v - xs[i]);
    expect(gaps.filter((gap) => gap < MIN_MARKER_SPACING)).toStrictEqual([]);
    expect(clusterMarkers(items, x).reduce((n, c) => n + c.items.length, 0)).toBe(items.length);
  });

  describe('edge cases', () => {
    it('drops markers without a finite position', () => {
      expect(clusterMarkers([{ x: NaN }, { x: Infinity }], x)).toStrictEqual([]);
    });

    it('returns nothing for nothing', () => {
      expect(clusterMarkers([], x)).toStrictEqual([]);
    });
  });
});
