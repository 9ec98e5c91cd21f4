import { lowerBound, PreparedSeries } from '../prepareSeries';
import { formatDuration } from '../describe';
import { SeriesImpact } from '../types';
import { ScoreSeriesInput, Windows } from './types';

/** A series whose last sample is more than this many steps before the impact window's end has stopped. */
export const STOPPED_STEPS = 2;

export function insufficient(series: PreparedSeries, reason: string, widened = false): SeriesImpact {
  return {
    seriesId: series.id,
    name: series.name,
    service: series.service,
    status: 'insufficient_data',
    reason,
    widened,
    absoluteChange: 0,
    ratio: null,
    robustZ: 0,
    size: 0,
    peakSize: 0,
    spike: { peak: 0, peakRatio: null, excess: 0, excessMs: 0, budgetBurned: null },
    mannWhitneyU: 0,
    pValue: 1,
    effectSize: 0,
    calibratedZ: 0,
    calibratedP: 1,
    spreadZ: 0,
    historySpanMs: 0,
    calibrationSamples: 0,
    seasonal: false,
    score: 0,
    harmful: false,
    persistent: false,
    rising: false,
    recoveredAt: null,
    recoveryResolutionMs: 0,
    durationMs: 0,
    incomplete: false,
    traffic: null,
  };
}

/**
 * Why an event outside its series cannot be judged, in times relative to the event: reasons
 * are read in the dashboard's time zone or a pipeline's log, and "ends 3 h before the event"
 * reads the same in every zone, where an absolute time would need one. A series that begins
 * after the event is usually a new one (a new version's, a new error code's), not a query that
 * starts too late: the gate always reads a week before the deploy.
 */
function outsideReason(name: string, first: number, last: number, time: number): string {
  const gap = (ms: number) => (ms < 1000 ? 'under a second' : formatDuration(ms));
  return time < first
    ? `the event is ${gap(first - time)} before the first sample of ${name}: the series began after the event (a new series, or a query range that starts too late)`
    : `the event is ${gap(time - last)} after the last sample of ${name}: the series stopped before the event, or the query's range ends too early`;
}

export function isWindows(found: Windows | SeriesImpact): found is Windows {
  return (found as SeriesImpact).status === undefined;
}

/**
 * Prepare (validate): the baseline [time - guard - before, time - guard), widened back to the minimum
 * sample count, and the impact window [time, time + after), cut at the next event and widened
 * forward unless strict; or an insufficient result saying why there is not enough of either.
 */
export function prepareWindows({ series, time, options, cutAt }: ScoreSeriesInput): Windows | SeriesImpact {
  const { times } = series;
  const n = times.length;
  if (n === 0) {
    return insufficient(series, `${series.name} has no valid samples`);
  }
  if (time < times[0] || time > times[n - 1] + Math.max(series.step, 1)) {
    return insufficient(series, outsideReason(series.name, times[0], times[n - 1], time));
  }
  const notes: string[] = [];
  const event = lowerBound(times, time);
  let widened = false;

  const bEnd = Math.min(event, lowerBound(times, time - options.guardMs));
  let bStart = lowerBound(times, time - options.guardMs - options.beforeMs);
  if (bEnd - bStart < options.minBeforeSamples) {
    bStart = Math.max(0, bEnd - options.minBeforeSamples);
    widened = true;
  }
  if (bEnd - bStart < options.minBeforeSamples) {
    return insufficient(series, `only ${bEnd - bStart} samples of ${series.name} before the event; at least ${options.minBeforeSamples} are needed`);
  }

  const limit = Math.min(time + options.afterMs, cutAt ?? Infinity);
  let aEnd = lowerBound(times, limit);
  const cut = cutAt !== undefined && cutAt < time + options.afterMs;
  if (aEnd - event < options.minAfterSamples && !options.strictAfter && !cut) {
    aEnd = Math.min(n, event + options.minAfterSamples);
    widened = aEnd > lowerBound(times, limit) || widened;
  }
  const now = options.now ?? times[n - 1];
  const lastAllowed = times[Math.max(event, aEnd - 1)] ?? time;
  const incomplete = !cut && now < time + options.afterMs - series.step && aEnd === n;
  if (aEnd - event < options.minAfterSamples) {
    const result = insufficient(
      series,
      incomplete
        ? `${aEnd - event} samples of ${series.name} since the event; waiting for ${options.minAfterSamples}`
        : `only ${aEnd - event} samples of ${series.name} in the impact window; at least ${options.minAfterSamples} are needed (widen the impact window)`,
      widened
    );
    return { ...result, incomplete };
  }
  // The data stopped inside the window and is not still arriving: a few samples from its start
  // are not the window (a version that stopped serving, a query that lost the series).
  const lastTime = times[n - 1];
  if (!cut && !incomplete && aEnd === n && aEnd === lowerBound(times, limit) && lastTime < time + options.afterMs - STOPPED_STEPS * series.step) {
    return insufficient(
      series,
      `${series.name} stops ${Math.round((lastTime - time) / 60_000)} min into the ${Math.round(options.afterMs / 60_000)}-min impact window: its samples do not cover the window (check that the query returns the series after the event)`
    );
  }
  if (widened) {
    const minutes = Math.round((times[aEnd - 1] - times[bStart]) / 60_000);
    notes.push(`windows widened to ${options.minBeforeSamples}+${options.minAfterSamples} samples (${minutes} min)`);
  }
  return { bStart, bEnd, event, aEnd, time, widened, incomplete, lastAllowed, notes };
}
