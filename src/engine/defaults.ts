import { SequentialOptions } from './sequential/types';
import { Direction, ImpactOptions } from './types';

const MINUTE = 60_000;

/**
 * Documented defaults of every engine option. The panel's options, the command line's flags
 * and the evaluation all start from this one constant; none is tuned to a data file.
 */
export const DEFAULT_IMPACT_OPTIONS: ImpactOptions = {
  direction: Direction.Up,
  // 30 minutes each side: long enough for a rollout to show, short enough to answer fast.
  beforeMs: 30 * MINUTE,
  afterMs: 30 * MINUTE,
  guardMs: 0,
  strictAfter: false,
  // A rank test needs about 8 baseline and 4 impact samples to reach p < 0.01.
  minBeforeSamples: 8,
  minAfterSamples: 4,
  // Bounds the per-event cost whatever the scrape interval.
  maxWindowSamples: 60,
  // A week: enough earlier days to compare a morning ramp with earlier mornings.
  historyMs: 7 * 24 * 60 * MINUTE,
  // A quarter of a day: with less, the calibration may not have seen a move the size of a
  // morning ramp, and the ramp can pass for harm.
  minHistoryMs: 6 * 60 * MINUTE,
  recoveryHorizonMs: 2 * 60 * MINUTE,
  fixLagMs: 15 * MINUTE,
  thresholds: {
    // One in 1,000: with a week of 5-minute data, an ordinary series moves this much about
    // twice a week by chance, in level and spread together.
    calibratedAlpha: 0.001,
    alpha: 0.01,
    smallSize: 3,
    largeSize: 8,
    largeRatio: 2,
    smallRatio: 1.25,
    // A normal history has heaviness 1; a bursty one often 5 to 50. Capped at 3, a far move
    // of the median needs about 9 robust SDs of ordinary median moves to reach calibratedAlpha.
    heavinessCap: 3,
    // Kayenta's default allows a canary to be a fifth worse before it fails a metric; the
    // interval at 95% as in its Mann-Whitney classifier.
    versionTolerance: 0.2,
    versionConfidence: 0.95,
  },
};

/** Options with defaults filled in; thresholds merge key by key. */
export function withDefaults(options: Partial<Omit<ImpactOptions, 'thresholds'>> & { thresholds?: Partial<ImpactOptions['thresholds']> } = {}): ImpactOptions {
  return {
    ...DEFAULT_IMPACT_OPTIONS,
    ...options,
    thresholds: { ...DEFAULT_IMPACT_OPTIONS.thresholds, ...(options.thresholds ?? {}) },
  };
}

/**
 * Documented defaults of the anytime-valid sequential judgement (see sequential/sequentialSeries).
 * None is tuned to a data file.
 */
export const DEFAULT_SEQUENTIAL_OPTIONS: SequentialOptions = {
  // One in 1,000 effect-free deploys may be judged roll_back by the sequential test at some look,
  // however often the gate polls: under the 1% budget with room for series that fit the model
  // less well and for the before/after test, which may also say roll_back once the impact window
  // is complete (most of the held-out false alarms in docs/EVALUATION.md are that test's).
  alpha: 0.001,
  // Tightest around shifts of a few noise SDs, the ones a gate must catch within a few samples;
  // a far larger shift still crosses at the second sample.
  mixtureScale: 2,
  // Two clipped samples (sum 8) cross at alpha 0.001; one clipped burst with a quiet sample beside it does not.
  clip: 4,
  // A single sample can be a single burst.
  minSamples: 2,
  // The roll_back readings' unit is matched on the 90th percentile of earlier moments'
  // standardised sums: a tail, yet below the share of moments a bursty series spends in bursts,
  // so a series that bursts often still gets a unit a lasting step stands out in by its third
  // sample. Set on the tune part and the constructed stress set (docs/EVALUATION.md): against
  // 0.95, clear steps judged roll_back within 3 samples went from 86.0% to 97.8% of the stress
  // set's and effect-free deploys judged roll_back at some look from 20 to 30 of 2,250 (stress
  // seeds 10 to 12, never used to set it: 83.2% to 94.5%, 15 to 20); the tune part's 95.6%
  // within 3 was unchanged, its false alarms 0.4% to 0.6%. 0.92 caught fewer (93.0%) for
  // nearly as many false alarms (28).
  calibrationShare: 0.9,
  // The healthy side and the version comparison keep the 95th percentile: a narrower unit
  // settles healthy sooner, the costlier mistake for a gate, and the version comparison was set
  // with it on the simulated canaries.
  settleCalibrationShare: 0.95,
  // 100 moments of the week: the pairs reading's tail is set by excursions that last several
  // samples, rarer than single bursts, which 50 moments under-represent (with 50, one such
  // excursion on the tune part crossed; with 100, none, and the constructed stress set's false
  // alarms fell from 1.1% to 0.9%, its clear steps within 3 samples 86% either way). The version
  // comparison and the healthy side calibrate on as many: on a simulated canary (600 and 12,000
  // requests a minute, equally good or 3x worse) they decided at the same minutes as with 50.
  calibrationPositions: 100,
  // As the before/after calibration (calibrate.ts, MIN_CALIBRATION).
  minCalibrationPositions: 30,
  // Ten minutes: four one-minute samples are three minutes, and a rolling update of a few
  // minutes whose harm starts as it reaches the instances was settled healthy before it showed.
  settleAfterMs: 10 * 60_000,
};

/** Sequential options with defaults filled in. */
export function sequentialOptions(options: Pick<ImpactOptions, 'sequential'>): SequentialOptions {
  return { ...DEFAULT_SEQUENTIAL_OPTIONS, ...(options.sequential ?? {}) };
}
