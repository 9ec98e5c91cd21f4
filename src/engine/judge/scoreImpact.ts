import { isRatioSeries, trafficChange } from '../errorRatio';
import { PreparedSeries, rangeMean } from '../prepareSeries';
import { SeriesImpact, SpikeSize, WindowSummary } from '../types';
import { finite, harmOf } from './harm';
import { Aftermath, Classification, ScoreSeriesInput, Windows, WindowStats } from './types';

/**
 * Scores of changes that are not significant and harmful are compressed below this, still
 * ordered by evidence, so a healthy event never outranks a harmful one by much.
 */
const NOT_HARMFUL_CEILING = 20;

/** −ln(p) at which the evidence term reaches 1 − 1/e: p ≈ 0.00005. */
const EVIDENCE_SCALE = 10;

/** Noise units at which the size term is half way: the engine's largeSize default. */
const SIZE_HALF = 8;

/** Lowest score of a significant harmful change; the rest of the range grows with its size. */
const HARMFUL_FLOOR = 40;

/**
 * Share of a not-harmful score that evidence earns on its own; the rest needs size too, so
 * between two equally certain moves the larger ranks higher, and a tiny certain one still ranks.
 */
const EVIDENCE_ALONE = 0.6;

/**
 * Score of one series around one event, 0..100. A significant harmful change scores
 * HARMFUL_FLOOR plus a share that grows with its size in noise units, as s/(s + 8), which does
 * not saturate early, so sizes of 10, 30 and 100 still rank apart: the score is the size of
 * the spike once it is known to be real. Anything else is ordered by its evidence (−ln p),
 * then by how far its median moved the harmful way (`harm`, in robust SDs of the baseline
 * window, below zero for a move the other way; it ranks the injected benchmark's effects
 * better than the calibrated z does), and kept below NOT_HARMFUL_CEILING: healthy
 * events still rank by evidence instead of tying at zero. Non-decreasing in each argument, and a change that
 * becomes significant only moves up.
 *
 * @example
 * seriesScore(-Math.log(1e-6), 24, true) // 85: real, 24 noise SDs
 * seriesScore(-Math.log(0.2), 1, false, 0.8) // ≈ 4: within normal variation
 * seriesScore(0, 0, false, -2) // ≈ 0.12: moved the other way
 */
export function seriesScore(evidence: number, size: number, harmful: boolean, harm = 0): number {
  if (harmful) {
    const s = Math.max(0, size);
    return HARMFUL_FLOOR + (100 - HARMFUL_FLOOR) * (s / (s + SIZE_HALF));
  }
  const evidenceTerm = 1 - Math.exp(-Math.max(0, evidence) / EVIDENCE_SCALE);
  const sizeTerm = 1 - Math.exp(-Math.max(0, size) / SIZE_HALF);
  const raw = 100 * evidenceTerm * (EVIDENCE_ALONE + (1 - EVIDENCE_ALONE) * sizeTerm) + TIE_BREAK * logistic(harm);
  return NOT_HARMFUL_CEILING * (1 - Math.exp(-raw / NOT_HARMFUL_CEILING));
}

/**
 * Weight of the level's move in a not-harmful score: under one point, so it orders events
 * with no evidence (moved the other way, or not at all) without outranking any evidence.
 */
const TIE_BREAK = 1;

/** 1 / (1 + e^−x): 0..1, 0.5 at 0. */
function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

interface Window {
  start: number;
  end: number;
}

function summary(series: PreparedSeries, window: Window, windowMedian: number, scale: number): WindowSummary {
  return {
    from: series.times[window.start],
    to: series.times[window.end - 1],
    samples: window.end - window.start,
    median: windowMedian,
    mean: rangeMean(series, window.start, window.end),
    scale,
  };
}

/** Score: the result for one series, every number finite. */
export function scoreImpact({ series, time, options }: ScoreSeriesInput, windows: Windows, stats: WindowStats, change: Classification, aftermath: Aftermath): SeriesImpact {
  const { harmful, calibration } = change;
  const { recovery, spike, trend, endRead } = aftermath;
  const { test } = stats;
  return {
    seriesId: series.id,
    name: series.name,
    service: series.service,
    status: 'ok',
    reason: windows.notes.length ? windows.notes.join('; ') : undefined,
    baseline: summary(series, { start: windows.bStart, end: windows.bEnd }, stats.baseMedian, stats.scale),
    impact: summary(series, { start: windows.event, end: windows.aEnd }, stats.afterMedian, stats.scale),
    widened: windows.widened,
    absoluteChange: finite(stats.absoluteChange),
    ratio: stats.ratio,
    robustZ: stats.robustZ,
    mannWhitneyU: finite(test.u),
    pValue: finite(test.p, 1),
    effectSize: finite(test.effect),
    calibratedZ: finite(change.calibratedZ),
    calibratedP: finite(change.evidenceP, 1),
    spreadZ: finite(calibration.spreadZ),
    historySpanMs: Math.max(0, time - Math.max(series.times[0], time - options.historyMs)),
    calibrationSamples: calibration.samples,
    seasonal: calibration.seasonal,
    score: finite(seriesScore(change.evidence, harmful ? change.size : change.sizeHarm, harmful, change.sizeHarm)),
    size: finite(change.size),
    peakSize: harmful ? finite(Math.max(0, harmOf((spike.peak - stats.baseMedian) / change.noiseScale, options.direction))) : 0,
    spike: finiteSpike(spike),
    harmful,
    persistent: harmful && trend.persistent,
    rising: harmful && trend.rising,
    recoveredAt: recovery?.recoveredAt ?? null,
    recoveryResolutionMs: recovery?.resolutionMs ?? 0,
    durationMs: harmful ? Math.max(0, (recovery?.recoveredAt ?? endRead) - time) : 0,
    incomplete: windows.incomplete,
    traffic: isRatioSeries(series) ? trafficChange(series, spanOf(series, windows.bStart, windows.bEnd), spanOf(series, windows.event, windows.aEnd)) : null,
  };
}

/** The times of samples [start, end) of a series. */
function spanOf(series: PreparedSeries, start: number, end: number): { from: number; to: number } {
  return { from: series.times[start], to: series.times[end - 1] };
}

/**
 * The spike with every number finite: the spike itself when it is already (the usual case: one
 * object and its numbers fewer to make for every event; measureAftermath made it for this
 * result alone), else a copy with the non-finite ones replaced.
 */
function finiteSpike(spike: SpikeSize): SpikeSize {
  if (
    Number.isFinite(spike.peak) &&
    (spike.peakRatio === null || Number.isFinite(spike.peakRatio)) &&
    Number.isFinite(spike.excess) &&
    Number.isFinite(spike.excessMs) &&
    (spike.budgetBurned === null || Number.isFinite(spike.budgetBurned))
  ) {
    return spike;
  }
  return {
    peak: finite(spike.peak),
    peakRatio: spike.peakRatio === null ? null : finite(spike.peakRatio, 1),
    excess: finite(spike.excess),
    excessMs: finite(spike.excessMs),
    budgetBurned: spike.budgetBurned === null ? null : finite(spike.budgetBurned),
  };
}
