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
    const run = Array.from({ length: 10 }, (_, i) => ({ x: i * 10 }));
    const clusters = clusterMarkers(run, x);
    expect(clusters.length).toBeGreaterThan(3);
    for (const cluster of clusters) {
      const xs = cluster.items.map((i) => i.x);
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(MIN_MARKER_SPACING);
    }
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
