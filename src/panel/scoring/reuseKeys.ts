import { EngineEvent, EVENT_FIELDS_READ, eventReach, ImpactOptions, lowerBound, PreparedSeries, seriesRead } from '../../engine';

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

function mix(h: number, x: number): number {
  const m = Math.imul(h ^ x, 0x9e3779b1);
  return (m ^ (m >>> 15)) >>> 0;
}

function mixNumber(h: number, x: number): number {
  float[0] = x;
  return mix(mix(h, words[0]), words[1]);
}

function mixText(h: number, text: unknown): number {
  const s = typeof text === 'string' ? text : '';
  let out = mix(h, s.length);
  for (let i = 0; i < s.length; i++) {
    out = mix(out, s.charCodeAt(i));
  }
  return out;
}

/** Two independent 32-bit hashes per item, summed into prefix arrays (exact in float64 up to 2^21 items). */
interface PrefixHash {
  a: Float64Array;
  b: Float64Array;
}

function rangeHash(prefix: PrefixHash, lo: number, hi: number): string {
  return `${hi - lo}:${prefix.a[hi] - prefix.a[lo]}:${prefix.b[hi] - prefix.b[lo]}`;
}

/** First index whose value is above `value`. */
function upperBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function seriesPrefix(series: PreparedSeries): PrefixHash {
  const n = series.times.length;
  const a = new Float64Array(n + 1);
  const b = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    a[i + 1] = a[i] + mixNumber(mixNumber(0x811c9dc5, series.times[i]), series.values[i]);
    b[i + 1] = b[i] + mixNumber(mixNumber(0x01000193, series.values[i]), series.times[i]);
  }
  return { a, b };
}

/** Events in engine order (time, then position in the input), with their times. */
export interface OrderedEvents {
  /** Indices into the input, ordered by time then index. */
  order: number[];
  times: Float64Array;
}

/** Valid events (finite time) in the order the engine walks them. O(m log m). */
export function orderEvents(events: readonly EngineEvent[]): OrderedEvents {
  const order: number[] = [];
  events.forEach((e, i) => {
    if (typeof e?.time === 'number' && Number.isFinite(e.time)) {
      order.push(i);
    }
  });
  order.sort((x, y) => events[x].time - events[y].time || x - y);
  return { order, times: Float64Array.from(order, (i) => events[i].time) };
}

function eventPrefix(events: readonly EngineEvent[], ordered: OrderedEvents): PrefixHash {
  const m = ordered.order.length;
  const a = new Float64Array(m + 1);
  const b = new Float64Array(m + 1);
  let tieRank = 0;
  for (let k = 0; k < m; k++) {
    const e = events[ordered.order[k]];
    // Events at the same time are walked in input order, which later-change lookups can see.
    tieRank = k > 0 && ordered.times[k] === ordered.times[k - 1] ? tieRank + 1 : 0;
    let h = mixNumber(0x811c9dc5, e.time);
    for (const field of EVENT_FIELDS_READ) {
      h = mixText(h, e[field]);
    }
    a[k + 1] = a[k] + mix(h, tieRank);
    b[k + 1] = b[k] + mix(mix(h, 0x27d4eb2d), tieRank);
  }
  return { a, b };
}

/**
 * A key per event such that two scorings with equal keys (under the same options) give the
 * same engine result for that event. The key hashes what the engine says the result depends
 * on (engine/resultDependsOn): per series, the samples `seriesRead` names and the step (or
 * the series' bounds, for an event outside it); the events within `eventReach`, with the
 * fields in EVENT_FIELDS_READ and their order at equal times.
 * Because the engine calibrates on the history inside the series, an event within one
 * history length (a week by default) of the series' start reads that start: when the time
 * range slides, its key changes and it is scored again. Events with no valid time get null
 * (never reused). O(m·(s + 1)·log n) after O(n) per series and O(m log m).
 *
 * @example
 * reuseKeys(series.map(prepareSeries), events, withDefaults(options))[0] // "…|1800:…"
 */
export function reuseKeys(series: readonly PreparedSeries[], events: readonly EngineEvent[], options: ImpactOptions, ordered = orderEvents(events)): Array<string | null> {
  const prefixes = series.map(seriesPrefix);
  const eventHashes = eventPrefix(events, ordered);
  const reach = eventReach(options);
  const keys: Array<string | null> = events.map(() => null);
  for (let k = 0; k < ordered.order.length; k++) {
    const index = ordered.order[k];
    const time = ordered.times[k];
    const parts: string[] = [];
    series.forEach((s, j) => {
      const read = seriesRead(s, time, options);
      if (read.kind === 'empty') {
        parts.push('empty');
      } else if (read.kind === 'outside') {
        parts.push(`out:${read.from}:${read.to}:${read.step}`);
      } else {
        parts.push(`${read.step}:${rangeHash(prefixes[j], read.lo, read.hi)}`);
      }
    });
    const from = lowerBound(ordered.times, time - reach.before);
    const to = upperBound(ordered.times, time + reach.after);
    parts.push(rangeHash(eventHashes, from, to));
    keys[index] = parts.join('|');
  }
  return keys;
}

/**
 * Indices of the events to pass to the engine so that every event in `wanted` (indices,
 * any order) gets exactly the result a scoring of all events would give: the wanted ones
 * plus every event within reach of them, in input order.
 *
 * @example
 * contextFor(events, ordered, [4], options) // [2, 3, 4, 5]
 */
export function contextFor(ordered: OrderedEvents, wanted: readonly number[], events: readonly EngineEvent[], options: ImpactOptions): number[] {
  if (wanted.length === 0) {
    return [];
  }
  const reach = eventReach(options);
  let min = Infinity;
  let max = -Infinity;
  for (const i of wanted) {
    min = Math.min(min, events[i].time);
    max = Math.max(max, events[i].time);
  }
  const from = lowerBound(ordered.times, min - reach.before);
  const to = upperBound(ordered.times, max + reach.after);
  return ordered.order.slice(from, to).sort((x, y) => x - y);
}
