/** Minimum spacing between interactive markers, px: the 24 px target size of WCAG 2.2 (2.5.8). */
export const MIN_MARKER_SPACING = 24;

export interface MarkerCluster<T> {
  /** Pixel x of the cluster's marker: the mean of its members'. */
  x: number;
  items: T[];
}

/**
 * Groups markers closer than `spacing` px into one, left to right. A cluster's position is
 * the mean of its members, and a new member joins while it is within `spacing` of the
 * cluster's first member, so a long run of close markers does not chain into one.
 * O(n log n), with `xOf` called once per item.
 *
 * @example
 * clusterMarkers([{ x: 10 }, { x: 20 }, { x: 80 }], (m) => m.x) // two clusters: 2 items at x 15, 1 at x 80
 */
export function clusterMarkers<T>(items: T[], xOf: (item: T) => number, spacing = MIN_MARKER_SPACING): Array<MarkerCluster<T>> {
  const placed = items.map((item) => ({ item, x: xOf(item) })).filter((p) => Number.isFinite(p.x));
  placed.sort((a, b) => a.x - b.x);
  const clusters: Array<MarkerCluster<T>> = [];
  let start = 0;
  let sum = 0;
  for (const { item, x } of placed) {
    const last = clusters[clusters.length - 1];
    if (last && x - start < spacing) {
      last.items.push(item);
      sum += x;
      last.x = sum / last.items.length;
    } else {
      clusters.push({ x, items: [item] });
      start = x;
      sum = x;
    }
  }
  return clusters;
}
