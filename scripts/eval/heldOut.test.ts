import { DEFAULT_SEQUENTIAL_OPTIONS } from '../../src/engine/defaults';

import { drawnLines, drawnOf, heldOutLines, judgeCase, levelCases, summarise, wilson } from './heldOut.mjs';

describe('wilson', () => {
  // Reference values: Newcombe, "Two-sided confidence intervals for the single proportion",
  // Statistics in Medicine 17 (1998), Table I, method 3 (score interval without continuity correction).
  it('matches the published score intervals', () => {
    const cases: Array<[number, number, number, number]> = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const [l, h] = wilson(k, n);
      expect(l).toBeCloseTo(lo, 3);
      expect(h).toBeCloseTo(hi, 3);
    }
  });

  it('stays within [0, 1], holds the observed share, and narrows as the count grows', () => {
    for (const n of [1, 5, 56, 166, 10_000]) {
      for (const k of [0, Math.floor(n / 3), n]) {
        const [l, h] = wilson(k, n);
        expect(l).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(1);
        expect(l).toBeLessThanOrEqual(k / n + 1e-12);
        expect(h).toBeGreaterThanOrEqual(k / n - 1e-12);
      }
    }
    const width = (k: number, n: number) => wilson(k, n)[1] - wilson(k, n)[0];
    expect(width(40, 400)).toBeLessThan(width(4, 40));
  });

  it('says nothing is ruled out when there are no cases', () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});

describe('judgeCase', () => {
  // CONSTRUCTED: a flat 5-minute series, the deploy at row 20, 24 samples after it; the engine
  // is replaced by a recorder of what it was shown, so the harness's looks are checked, not a verdict.
  const step = 300_000;
  const times = Array.from({ length: 44 }, (_, i) => i * step);
  const base = { step, times, values: times.map(() => 10), at: 20, time: times[20], kind: 'step' };
  const defaults = { beforeMs: 1_800_000, afterMs: 1_800_000, minBeforeSamples: 8, minAfterSamples: 4 };

  /** What judgeCase adds for clear steps and effect-free deploys (the .mjs gives TypeScript only its first fields). */
  type Judged = { within?: Record<string, string>; looks?: number; alarmAt?: number | null };
  const judge = (...args: Parameters<typeof judgeCase>) => judgeCase(...args) as Judged;

  function record(verdictAt: (seen: number) => string = () => 'healthy') {
    const shown: Array<{ seen: number; now: number | undefined }> = [];
    const scoreEvents = (series: Array<{ times: number[] }>, _events: unknown, options: { now?: number }) => {
      const seen = series[0].times.length - 20;
      shown.push({ seen, now: options.now });
      return [{ score: 0, verdict: verdictAt(seen), reasons: [] }];
    };
    return { shown, scoreEvents };
  }

  it('shows the engine the deploy\'s sample as the first of N, with now at the N-th, for "within N samples"', () => {
    const { shown, scoreEvents } = record();
    const out = judge({ ...base, harmful: true, clear: true }, scoreEvents, defaults);
    // The whole case first, then the looks 2, 3 and 5.
    expect(shown.slice(1)).toStrictEqual([2, 3, 5].map((n) => ({ seen: n, now: times[20 + n - 1] })));
    expect(Object.keys(out.within ?? {})).toStrictEqual(['2', '3', '5']);
  });

  it('polls an effect-free deploy at every sample from the first through one past the impact window, and names the first look that said roll_back', () => {
    const quiet = record();
    const out = judge({ ...base, kind: 'none', harmful: false, clear: false }, quiet.scoreEvents, defaults);
    expect(quiet.shown.slice(1).map((s) => s.seen)).toStrictEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([out.looks, out.alarmAt]).toStrictEqual([7, null]);
    const alarmed = record((seen) => (seen === 4 ? 'roll_back' : 'healthy'));
    expect(judge({ ...base, kind: 'none', harmful: false, clear: false }, alarmed.scoreEvents, defaults).alarmAt).toBe(
      4
    );
  });
});

describe('levelCases and drawnOf', () => {
  // CONSTRUCTED: three days of a positive 5-minute series with no labelled windows. Rows after
  // the first two days, four hours apart, are too few for every kind: the kinds drawn last lose.
  const step = 300_000;
  const n = 3 * 288;
  const file = {
    times: Array.from({ length: n }, (_, i) => i * step),
    values: Array.from({ length: n }, (_, i) => 10 + (i % 7)),
  };
  const cases = levelCases(file, [], 7, (t: string) => Date.parse(t));

  it("keeps each case's row in the file, the one its deploy time names", () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(file.times[c.row]).toBe(c.time);
      // Under a week into the file, the case starts at its first row.
      expect(c.at).toBe(c.row);
    }
  });

  it('draws each kind on its own, four hours apart within the kind, so no kind starves another', () => {
    const drawn = drawnOf(cases);
    expect(drawn.map((d) => d.kind)).toStrictEqual(['step', 'spike', 'ramp', 'none']);
    expect(drawn.every((d) => d.drawn <= d.asked)).toBe(true);
    // Every kind gets cases, and together more than rows four hours apart across kinds could hold
    // (the earlier draw, where the first kinds took every row and the effect-free ones got none).
    for (const d of drawn) {
      expect(d.drawn).toBeGreaterThanOrEqual(3);
    }
    const all = cases.map((c) => c.row);
    const apart = (4 * 3_600_000) / step;
    expect(cases.length).toBeGreaterThan(Math.floor((Math.max(...all) - Math.min(...all)) / apart) + 1);
    for (const kind of ['step', 'spike', 'ramp', 'none']) {
      const rows = cases.filter((c) => c.kind === kind).map((c) => c.row).sort((a, b) => a - b);
      for (let k = 1; k < rows.length; k++) {
        expect(rows[k] - rows[k - 1]).toBeGreaterThanOrEqual((4 * 3_600_000) / step);
      }
    }
  });
});

describe('drawnLines', () => {
  // CONSTRUCTED run summaries: two held-out files, one of which gave no ramp and no effect-free deploy.
  const byKind = [
    { kind: 'step', cases: 16 },
    { kind: 'spike', cases: 11 },
    { kind: 'ramp', cases: 8 },
    { kind: 'none', cases: 20 },
  ];
  const drawn = (spike: number, ramp: number, none: number) => [
    { kind: 'step', asked: 8, drawn: 8 },
    { kind: 'spike', asked: 8, drawn: spike },
    { kind: 'ramp', asked: 8, drawn: ramp },
    { kind: 'none', asked: 30, drawn: none },
  ];

  it('names the files short of an effect kind and says how many files the effect-free deploys come from', () => {
    const run = {
      draws: 1,
      heldOutFiles: ['a/x.csv', 'a/y.csv'],
      heldOut: { byKind },
      heldOutShort: [
        { file: 'a/y.csv', drawn: drawn(3, 0, 0) },
        { file: 'a/x.csv', drawn: drawn(8, 8, 20) },
      ],
    };
    const [first] = drawnLines(run);
    expect(first).toContain('step 16 of 16, spike 11 of 16, ramp 8 of 16, none 20 of 60');
    expect(first).toContain('a/y.csv (spike 3 of 8, ramp 0 of 8, none 0 of 30)');
    expect(first).not.toContain('a/x.csv');
    expect(first).toContain('come from 1 of the 2 files');
  });

  it('does not list a file that only gave fewer effect-free deploys than asked, as many as fit', () => {
    const run = {
      draws: 1,
      heldOutFiles: ['a/x.csv'],
      heldOut: { byKind },
      heldOutShort: [{ file: 'a/x.csv', drawn: drawn(8, 8, 12) }],
    };
    expect(drawnLines(run)[0]).not.toContain('ran out');
  });

  it('adds a file\'s draws together: short in one draw of two is said with both counts', () => {
    const run = {
      draws: 2,
      heldOutFiles: ['a/x.csv'],
      heldOut: { byKind },
      heldOutShort: [
        { file: 'a/x.csv', draw: 0, drawn: drawn(8, 8, 12) },
        { file: 'a/x.csv', draw: 1, drawn: drawn(5, 8, 12) },
      ],
    };
    const [first] = drawnLines(run);
    expect(first).toContain('over 2 draws');
    expect(first).toContain('a/x.csv (spike 13 of 16)');
    expect(first).not.toContain('come from');
  });
});

describe('heldOutLines', () => {
  // CONSTRUCTED judged cases: one clear step decided within 3 samples, one effect-free deploy
  // alarmed at look 4 (row 2100 of its file), so every line of the section is written.
  const judged = [
    {
      kind: 'step',
      harmful: true,
      factor: 2,
      clear: true,
      file: 'a/x.csv',
      row: 900,
      time: Date.UTC(2026, 0, 5),
      score: 80,
      rz: 9,
      mw: 4,
      pct: 1,
      verdict: 'roll_back',
      step: 300_000,
      within: { 2: 'watch', 3: 'roll_back', 5: 'roll_back' },
      alarmAt: null,
    },
    {
      kind: 'none',
      harmful: false,
      factor: 1,
      clear: false,
      file: 'a/x.csv',
      row: 2100,
      time: Date.UTC(2026, 0, 6),
      score: 70,
      rz: 1,
      mw: 1,
      pct: 0,
      verdict: 'healthy',
      step: 300_000,
      alarmAt: 4,
    },
  ];
  const run = {
    draws: 1,
    heldOutFiles: ['a/x.csv'],
    tuneFiles: ['a/w.csv'],
    heldOut: summarise(judged),
    heldOutDraws: [summarise(judged)],
    tune: summarise(judged),
    heldOutShort: [],
  };
  const text = heldOutLines(run, null).join('\n');

  it('describes the sequential test with the defaults the engine reads', () => {
    const { alpha, clip, calibrationPositions, calibrationShare, minSamples } = DEFAULT_SEQUENTIAL_OPTIONS;
    expect(text).toContain(`clipped at ${clip} units`);
    expect(text).toContain(`(e-value 2/alpha, alpha ${alpha})`);
    expect(text).toContain(
      `the ${Math.round(calibrationShare * 100)}th percentile of its standardised sums at ${calibrationPositions} earlier moments`
    );
    expect(minSamples).toBe(2);
    expect(text).toContain('decides roll_back from the second sample');
    // judgeSequentially shares alpha among an event's series; the text says so.
    expect(text).toContain("alpha shared equally among an event's series");
  });

  it('names each false alarm by its row in the file and its time', () => {
    expect(text).toContain('- a/x.csv at row 2100 (2026-01-06T00:00:00.000Z), look 4');
  });
});
