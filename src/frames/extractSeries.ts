import { DataFrame, Field, FieldType, getFieldDisplayName } from '@grafana/data';

import { pairTotals, SeriesInput } from '../engine';
import { carriesEvents } from './extractEvents';

/** Labels that commonly name the service a series measures. */
const SERVICE_LABELS = ['service', 'service_name', 'app', 'application', 'job', 'container'];

export interface PanelSeries extends SeriesInput {
  times: number[];
  values: Array<number | null>;
}

/**
 * `/regex/flags` or a case-insensitive substring; an invalid regex falls back to substring,
 * so a half-typed pattern in the editor never breaks the panel.
 */
export function seriesMatcher(match: string): (name: string) => boolean {
  const trimmed = match.trim();
  if (!trimmed) {
    return () => true;
  }
  const regex = /^\/(.+)\/([a-z]*)$/.exec(trimmed);
  if (regex) {
    try {
      // Without g and y: with them one RegExp keeps its position between names, so every other match would fail.
      const re = new RegExp(regex[1], regex[2].replace(/[gy]/g, ''));
      return (name) => re.test(name);
    } catch {
      // fall through to substring matching
    }
  }
  const needle = trimmed.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}

/**
 * A field's name as its data source gave it (field and frame name, labels, or the data
 * source's own display name, e.g. a Prometheus legend), without the panel's *Display name*
 * option: what the series filters match and ids are made of, so that renaming a series for
 * show changes nothing that is judged.
 *
 * @example
 * sourceName(field, frame, frames) // 'checkout errors', whatever display name an override gives it
 */
export function sourceName(field: Field, frame: DataFrame, frames: DataFrame[]): string {
  // A copy without the option and without the cached name (state) that it shaped.
  return getFieldDisplayName({ ...field, config: { ...field.config, displayName: undefined }, state: undefined }, frame, frames);
}

/**
 * The id of the series read from `field` (the `fieldIndex`th of `frame`, the `frameIndex`th
 * frame) under its source name (`sourceName`): the panel finds a series' field, and so its
 * display options and data links, by it.
 *
 * @example
 * seriesId(frame, 0, 1, 'checkout errors') // 'A/1/checkout errors' when the frame's refId is A
 */
export function seriesId(frame: DataFrame, frameIndex: number, fieldIndex: number, name: string): string {
  return `${frame.refId ?? frameIndex}/${fieldIndex}/${name}`;
}

/**
 * Numeric series of the frames that do not carry events, matched by their source name (never
 * by a display name the panel's options gave them) and shown under their display name;
 * versions read from `versionLabels`.
 */
export function extractSeries(frames: DataFrame[], match = '', versionLabels: readonly string[] = []): PanelSeries[] {
  const matches = seriesMatcher(match);
  const out: PanelSeries[] = [];
  frames.forEach((frame, frameIndex) => {
    if (carriesEvents(frame)) {
      return;
    }
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      return;
    }
    frame.fields.forEach((field, fieldIndex) => {
      if (field.type !== FieldType.number) {
        return;
      }
      const source = sourceName(field, frame, frames);
      if (!matches(source)) {
        return;
      }
      const labels = field.labels ?? {};
      const service = SERVICE_LABELS.map((l) => labels[l]).find(Boolean);
      const version = versionLabels.map((l) => labels[l]).find(Boolean);
      out.push({
        id: seriesId(frame, frameIndex, fieldIndex, source),
        name: getFieldDisplayName(field, frame, frames),
        service,
        ...(version ? { version } : {}),
        times: Array.from(time.values as ArrayLike<number>, (t) => (typeof t === 'number' ? t : Number(t))),
        values: Array.from(field.values as ArrayLike<number | null>),
      });
    });
  });
  return out;
}

/**
 * The series the engine judges: the error series, each with its requests when `requestsMatch`
 * is set (paired by service and version, the engine's pairTotals, as the gate does), and the
 * version of each from `versionLabel` (comma-separated label names).
 *
 * @example
 * judgedSeries(frames, { seriesMatch: 'errors', requestsMatch: 'requests', versionLabel: 'version' })
 */
export function judgedSeries(frames: DataFrame[], options: JudgedSeriesOptions): PanelSeries[] {
  return judgeInputs(frames, options).series;
}

type JudgedSeriesOptions = { seriesMatch: string; requestsMatch?: string; versionLabel?: string };

/**
 * judgedSeries, how many series matched `requestsMatch`, and the names of the error series that
 * found no requests series of their service and version while others did (`asCounts`), or
 * several that other error series share too (`ambiguous`): those are judged as counts, and the
 * panel says so (requestsCaveat).
 *
 * @example
 * judgeInputs(frames, { seriesMatch: 'errors', requestsMatch: 'requests' }) // { series, requestsFound: 1, asCounts: ['search errors'], ambiguous: [] }
 */
export function judgeInputs(frames: DataFrame[], options: JudgedSeriesOptions): { series: PanelSeries[]; requestsFound: number; asCounts: string[]; ambiguous: string[] } {
  const labels = (options.versionLabel ?? '').split(',').map((l) => l.trim()).filter(Boolean);
  const requestsMatch = options.requestsMatch?.trim() ?? '';
  const errors = extractSeries(frames, options.seriesMatch, labels);
  if (!requestsMatch) {
    return { series: errors, requestsFound: 0, asCounts: [], ambiguous: [] };
  }
  const requests = extractSeries(frames, requestsMatch, labels);
  const requestIds = new Set(requests.map((s) => s.id));
  const paired = pairTotals(
    errors.filter((s) => !requestIds.has(s.id)),
    requests
  );
  const series = paired.series as PanelSeries[];
  // With no requests series at all, requestsCaveat says so once for every series.
  const unpaired = requests.length === 0 ? [] : series.filter((s) => !s.total);
  const ambiguous = new Set(paired.ambiguous);
  const nameOf = (s: PanelSeries) => s.name ?? s.id;
  return {
    series,
    requestsFound: requests.length,
    asCounts: unpaired.filter((s) => !ambiguous.has(s.id)).map(nameOf),
    ambiguous: unpaired.filter((s) => ambiguous.has(s.id)).map(nameOf),
  };
}
