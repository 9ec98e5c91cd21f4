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
 * cluster's first member, so a long run of close markers does not chain into one. Means can
 * sit closer than `spacing` (a short last cluster beside a full one): such neighbours merge,
 * so every marker is at least `spacing` from the next and no two overlap.
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
  return spacedApart(clusters, spacing);
}

/** Merges each cluster into the one before while their positions are closer than `spacing`. O(n). */
function spacedApart<T>(clusters: Array<MarkerCluster<T>>, spacing: number): Array<MarkerCluster<T>> {
  const spaced: Array<MarkerCluster<T>> = [];
  for (const cluster of clusters) {
    const last = spaced[spaced.length - 1];
    if (last && cluster.x - last.x < spacing) {
      const count = last.items.length + cluster.items.length;
      last.x = (last.x * last.items.length + cluster.x * cluster.items.length) / count;
      // A loop, not push(...items): a cluster can hold more items than a call has arguments.
      for (const item of cluster.items) {
        last.items.push(item);
      }
    } else {
      spaced.push(cluster);
    }
  }
  return spaced;
}
