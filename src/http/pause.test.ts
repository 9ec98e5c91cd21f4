import { pause, timerSleep } from './pause';

describe('pause', () => {
  it('waits the whole time when nothing ends the read', async () => {
    const started = Date.now();
    await pause(timerSleep, 30, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('stops at once when the read ends, throwing its reason, and leaves no timer behind', async () => {
    jest.useFakeTimers();
    try {
      const read = new AbortController();
      const waiting = pause(timerSleep, 60_000, read.signal);
      read.abort(new Error('deadline'));
      await expect(waiting).rejects.toThrow('deadline');
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  describe('edge cases', () => {
    it('does not wait at all on a read that has already ended', async () => {
      const read = new AbortController();
      read.abort(new Error('cancelled'));
      const sleep = jest.fn(async () => undefined);
      await expect(pause(sleep, 1_000, read.signal)).rejects.toThrow('cancelled');
      expect(sleep).not.toHaveBeenCalled();
    });

    it('waits with a clock that ignores the signal when there is no signal', async () => {
      const sleep = jest.fn(async () => undefined);
      await pause(sleep, 5);
      expect(sleep).toHaveBeenCalledWith(5);
    });
  });
});
