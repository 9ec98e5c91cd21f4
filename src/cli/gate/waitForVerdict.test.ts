import { EventImpact, Verdict } from '../../engine';
import { PollResult, Progress, waitForVerdict } from './waitForVerdict';

const MINUTE = 60_000;
const DEPLOY = Date.UTC(2026, 0, 5, 10);
const WINDOW_END = DEPLOY + 30 * MINUTE;

function good(verdict: Verdict, samples = 100, healthyAfterSamples: number | null = null): PollResult {
  return { ok: true, impact: { verdict, healthyAfterSamples } as EventImpact, samples, series: 1, notices: [] };
}

/** A clock that moves only when the gate sleeps. */
function controlledClock(start: number) {
  let now = start;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
}

function run(start: number, answers: (now: number, call: number) => PollResult, waitMs = 30 * MINUTE) {
  const clock = controlledClock(start);
  const progress: Progress[] = [];
  const readAt: number[] = [];
  const promise = waitForVerdict({
    windowEnd: WINDOW_END,
    waitMs,
    intervalMs: MINUTE,
    now: clock.now,
    sleep: clock.sleep,
    poll: async (now) => {
      readAt.push(now);
      return answers(now, readAt.length);
    },
    onProgress: (p) => progress.push(p),
  });
  return promise.then((result) => ({ result, progress, readAt, slept: clock.slept }));
}

describe('waitForVerdict', () => {
  it('reads once a minute from the deploy until the impact window has passed, then gives the last verdict', async () => {
    const { result, readAt, progress } = await run(DEPLOY, (now) =>
      good(now < WINDOW_END ? Verdict.Watch : Verdict.Healthy)
    );
    expect(readAt).toHaveLength(31);
    expect(readAt[30]).toBe(WINDOW_END);
    expect(result).toMatchObject({
      failure: null,
      stoppedEarly: false,
      waitedOut: false,
      polls: 31,
      elapsedMs: 30 * MINUTE,
      readAt: WINDOW_END,
    });
    expect(result.last?.impact.verdict).toBe(Verdict.Healthy);
    expect(progress.map((p) => p.nextInMs)).toStrictEqual([...new Array(30).fill(MINUTE), null]);
    expect(progress[0].leftMs).toBe(30 * MINUTE);
  });

  it('shortens the last sleep so the final read lands on the end of the window', async () => {
    const { readAt, slept } = await run(WINDOW_END - 90_000, () => good(Verdict.Healthy));
    expect(readAt).toStrictEqual([WINDOW_END - 90_000, WINDOW_END - 30_000, WINDOW_END]);
    expect(slept).toStrictEqual([MINUTE, 30_000]);
  });

  it('reads once when the window has already passed', async () => {
    const { result, slept } = await run(WINDOW_END + MINUTE, () => good(Verdict.FixForward));
    expect(result.polls).toBe(1);
    expect(slept).toStrictEqual([]);
  });

  it('stops early at the first roll_back before the window has passed', async () => {
    const { result, readAt } = await run(DEPLOY, (_now, call) => good(call >= 6 ? Verdict.RollBack : Verdict.Watch));
    expect(readAt).toHaveLength(6);
    expect(result).toMatchObject({ stoppedEarly: true, failure: null, elapsedMs: 5 * MINUTE });
  });

  it('stops early at the first turn_off (a flag change decided harmful), and not at a fix_forward', async () => {
    const { result, readAt } = await run(DEPLOY, (_now, call) => good(call >= 6 ? Verdict.TurnOff : call >= 3 ? Verdict.FixForward : Verdict.Watch));
    expect(readAt).toHaveLength(6);
    expect(result).toMatchObject({ stoppedEarly: true, failure: null, elapsedMs: 5 * MINUTE });
  });

  it('does not stop early on a read the server answered in part: it reads on until a whole read decides', async () => {
    const { result, readAt } = await run(DEPLOY, (_now, call) => ({ ...good(call >= 3 ? Verdict.TurnOff : Verdict.Watch), partial: call < 6 }));
    expect(readAt).toHaveLength(6);
    expect(result).toMatchObject({ stoppedEarly: true, failure: null, elapsedMs: 5 * MINUTE });
  });

  it('does not call a verdict read at the end of the window an early stop', async () => {
    const { result } = await run(DEPLOY, (now) => good(now < WINDOW_END ? Verdict.Watch : Verdict.RollBack));
    expect(result).toMatchObject({ stoppedEarly: false, readAt: WINDOW_END });
  });

  it('stops early at the first healthy verdict the sequential test settled, and not at a healthy one it did not', async () => {
    const { result, readAt } = await run(DEPLOY, (_now, call) => good(call >= 5 ? Verdict.Healthy : Verdict.Watch, 100, call >= 7 ? 6 : null));
    expect(readAt).toHaveLength(7);
    expect(result).toMatchObject({ stoppedEarly: true, failure: null, elapsedMs: 6 * MINUTE });
    expect(result.last?.impact.healthyAfterSamples).toBe(6);
  });

  it('stops when --wait runs out before the window has passed, and says so', async () => {
    const { result, readAt } = await run(DEPLOY, () => good(Verdict.Watch), 10 * MINUTE);
    expect(readAt).toHaveLength(11);
    expect(result).toMatchObject({ waitedOut: true, stoppedEarly: false, failure: null });
  });

  describe('edge cases', () => {
    it('ends at once when the first read fails: a bad query or URL will not fix itself', async () => {
      const { result, readAt } = await run(DEPLOY, () => ({ ok: false, message: 'refused' }));
      expect(readAt).toHaveLength(1);
      expect(result).toMatchObject({ last: null, failure: 'refused', readAt: null });
    });

    it('rides out a failed read between good ones', async () => {
      const { result, readAt, progress } = await run(DEPLOY, (_now, call) =>
        call === 3 || call === 4 ? { ok: false, message: 'blip' } : good(Verdict.Healthy)
      );
      expect(readAt).toHaveLength(31);
      expect(result.failure).toBeNull();
      expect(progress.map((p) => p.failures).slice(0, 5)).toStrictEqual([0, 0, 1, 2, 0]);
    });

    it('ends after three failed reads in a row, keeping the last good read and when it was made', async () => {
      const { result, readAt } = await run(DEPLOY, (_now, call) =>
        call > 10 ? { ok: false, message: 'gone' } : good(Verdict.Watch, call)
      );
      expect(readAt).toHaveLength(13);
      expect(result).toMatchObject({ failure: 'gone', readAt: DEPLOY + 9 * MINUTE });
      expect(result.last?.samples).toBe(10);
    });

    it('reports a failed last read at the end of the window as lost data', async () => {
      const { result } = await run(WINDOW_END - MINUTE, (now) =>
        now >= WINDOW_END ? { ok: false, message: 'gone' } : good(Verdict.Watch)
      );
      expect(result).toMatchObject({ failure: 'gone', readAt: WINDOW_END - MINUTE });
    });
  });

  it('keeps --wait when reads stall: the clock after a read ends the wait, and the next read keeps to the interval from the last one\'s start', async () => {
    // A server that answers the first read at once and then stalls each read for 40 s (a timeout and its retry).
    let now = DEPLOY;
    const readAt: number[] = [];
    const leftAt: number[] = [];
    const slept: number[] = [];
    const result = await waitForVerdict({
      windowEnd: WINDOW_END,
      waitMs: 2 * MINUTE,
      intervalMs: MINUTE,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
      poll: async (at, leftMs) => {
        readAt.push(at);
        leftAt.push(leftMs);
        if (readAt.length === 1) {
          return good(Verdict.Watch);
        }
        now += 40_000;
        return { ok: false, message: 'timed out' };
      },
    });
    // Reads at 0, 60 s (ends at 100 s), 120 s (ends at 160 s, past the 120 s wait): not a read at 180 s.
    expect(readAt.map((t) => t - DEPLOY)).toStrictEqual([0, MINUTE, 2 * MINUTE]);
    expect(slept).toStrictEqual([MINUTE, 20_000]);
    expect(leftAt).toStrictEqual([2 * MINUTE, MINUTE, 0]);
    expect(result).toMatchObject({ waitedOut: true, elapsedMs: 160_000 });
  });
});
