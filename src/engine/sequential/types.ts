/** Options of the anytime-valid sequential judgement; defaults in DEFAULT_SEQUENTIAL_OPTIONS (../defaults). */
export interface SequentialOptions {
  /**
   * The chance, for an effect-free deploy, that the test ever says roll_back over all the looks
   * of the wait (either reading's e-value reaches 2/alpha). Holds at every look, however often
   * the gate polls.
   */
  alpha: number;
  /** Scale of the normal mixture over shifts, in noise units: the shift the test is tightest around. */
  mixtureScale: number;
  /** Each sample's standardised excess is clipped to ± this many noise units: one burst alone cannot decide. */
  clip: number;
  /** Samples since the deploy the test needs before it may decide: one sample can be a single burst. */
  minSamples: number;
  /**
   * The noise unit is widened until this quantile of the standardised sums S_n/√n at earlier,
   * effect-free moments of the same series matches the same quantile of a standard normal, at
   * every number of looks: a drifting, autocorrelated or bursty series gets a wider unit, so
   * its ordinary moves do not cross.
   */
  calibrationShare: number;
  /**
   * calibrationShare for the tests built on calibratedNoise (the healthy side, the version
   * comparison): kept apart so the roll_back readings' unit can be narrower than theirs.
   */
  settleCalibrationShare: number;
  /** Earlier moments the calibration reads at most (evenly spread): bounds the cost per event. */
  calibrationPositions: number;
  /** With fewer earlier moments than this, the series has too little history and the test does not decide. */
  minCalibrationPositions: number;
  /**
   * Also run the healthy side (see settled.ts) and set EventImpact.healthyAfterSamples: it needs
   * every series' calibrated unit, so it is off unless asked for (the gate asks; the panel does not).
   */
  settle?: boolean;
  /**
   * The healthy side never settles before this many ms since the deploy: a rollout takes minutes
   * to reach every instance, and its harm often shows only once it has.
   */
  settleAfterMs: number;
}

/** What the sequential test found on one series. */
export interface SequentialDecision {
  seriesId: string;
  name: string;
  /** Samples since the deploy after which the test decided roll_back; null when it did not. */
  decidedAfterSamples: number | null;
  /** Samples since the deploy the test read (the looks). */
  looks: number;
  /** ln of the e-value at the decision; when there was none, unwidened at the last look. */
  logEvidence: number;
  /** ln(2/alpha), two readings each at half the budget (ln(4/alpha) for Direction.Either): the e-value must reach this. */
  logBoundary: number;
  /** Median of the baseline window, in the series' unit. */
  level: number;
  /** The noise unit the excesses were measured in (short-term noise × the calibrated widening). */
  unit: number;
  /** The calibrated widening of the short-term noise (≥ 1). */
  widening: number;
  /** Median of the samples up to the decision (or all looks) over the level; null when the level is not positive. */
  ratio: number | null;
  /** Median excess up to the decision (or all looks), in short-term noise SDs. */
  size: number;
  /** The change is still large at the last look (the last three samples' median). */
  stillThere: boolean;
  /** Decided on the lower of each two successive samples (a step's lasting), not on each sample. */
  pairs: boolean;
}
