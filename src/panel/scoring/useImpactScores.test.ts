import { renderHook, waitFor } from '@testing-library/react';

import { scoreEvents } from '../../engine';
import { PanelSeries } from '../../frames/extractSeries';
import { makeScored } from '../testing/makeScored';
import { toEngineEvent } from '../../frames/toEngineEvent';
import { useImpactScores } from './useImpactScores';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);

function series(): PanelSeries[] {
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < 24 * 60; i++) {
    times.push(START + i * MINUTE);
    values.push(10 + (i % 7) + (i >= 600 && i < 640 ? 40 : 0));
  }
  return [{ id: 'errors', name: 'errors', times, values }];
}

describe('useImpactScores', () => {
  const events = [
    makeScored({ id: 'quiet', time: START + 300 * MINUTE }).event,
    makeScored({ id: 'spike', time: START + 600 * MINUTE }).event,
    makeScored({ id: 'late', time: START + 1000 * MINUTE }).event,
  ];
  const options = {};

  it('returns every event at once, pending, then each with the engine result', async () => {
    const data = series();
    const { result } = renderHook(() => useImpactScores(data, events, options));
    expect(result.current.pending).toBe(3);
    expect(result.current.scored.every((s) => s.pending)).toBe(true);
    await waitFor(() => expect(result.current.pending).toBe(0));
    const expected = scoreEvents(data, events.map(toEngineEvent), options);
    expect(result.current.scored.map((s) => [s.event.id, s.impact.verdict, s.impact.score])).toStrictEqual(expected.map((e) => [e.id, e.verdict, e.score]));
    // Where workers are unavailable (as here), scoring runs on the main thread.
    expect(result.current.where).toBe('main thread');
  });

  it('judges a series with its requests as an error ratio: errors that rose with traffic are healthy', async () => {
    // CONSTRUCTED: traffic triples for an hour from minute 600, errors with it; the error ratio stays 1%.
    const times: number[] = [];
    const errors: number[] = [];
    const requests: number[] = [];
    for (let i = 0; i < 24 * 60; i++) {
      const traffic = (1000 + 10 * (i % 7)) * (i >= 600 && i < 660 ? 3 : 1);
      times.push(START + i * MINUTE);
      requests.push(traffic);
      errors.push(traffic / 100 + (i % 3));
    }
    const data: PanelSeries[] = [{ id: 'web', name: 'web errors', service: 'web', times, values: errors, total: { times, values: requests } }];
    const surge = [makeScored({ id: 'surge', time: START + 600 * MINUTE }).event];
    const { result } = renderHook(() => useImpactScores(data, surge, options));
    await waitFor(() => expect(result.current.pending).toBe(0));
    const [scored] = result.current.scored;
    expect(scored.impact.verdict).toBe('healthy');
    expect(scored.impact.reasons.join('\n')).toContain('errors rose with traffic');
    // The same errors without their requests are a threefold rise.
    const [counts] = scoreEvents([{ ...data[0], total: undefined }], surge.map(toEngineEvent), options);
    expect(counts.verdict).not.toBe('healthy');
  });

  it('scores the events again when one is added (a neighbour can change whose a change is), then shows each with its result', async () => {
    const data = series();
    const { result, rerender } = renderHook(({ list }) => useImpactScores(data, list, options), { initialProps: { list: events } });
    await waitFor(() => expect(result.current.pending).toBe(0));
    const added = makeScored({ id: 'new', time: START + 1200 * MINUTE }).event;
    const list = [...events, added];
    rerender({ list });
    expect(result.current.pending).toBe(4);
    await waitFor(() => expect(result.current.pending).toBe(0));
    const expected = scoreEvents(data, list.map(toEngineEvent), options);
    expect(result.current.scored.map((s) => [s.event.id, s.impact.verdict, s.impact.score])).toStrictEqual(expected.map((e) => [e.id, e.verdict, e.score]));
  });
});

describe('useImpactScores after a refresh', () => {
  const spikes = [makeScored({ id: 'spike', time: START + 600 * MINUTE }).event];
  const options = {};

  function flat(): PanelSeries[] {
    const [s] = series();
    return [{ ...s, values: s.values.map((_, i) => 10 + (i % 7)) }];
  }

  it("shows no result computed on the previous data against the new data: the event is pending until it is scored again", async () => {
    const { result, rerender } = renderHook(({ data }) => useImpactScores(data, spikes, options), { initialProps: { data: series() } });
    await waitFor(() => expect(result.current.pending).toBe(0));
    const before = result.current.scored[0].impact.verdict;
    expect(before).not.toBe('healthy');
    const refreshed = flat();
    rerender({ data: refreshed });
    expect(result.current.scored[0].pending).toBe(true);
    expect(result.current.pending).toBe(1);
    await waitFor(() => expect(result.current.pending).toBe(0));
    const [expected] = scoreEvents(refreshed, spikes.map(toEngineEvent), options);
    expect(result.current.scored[0].impact.verdict).toBe(expected.verdict);
    expect(expected.verdict).not.toBe(before);
  });
});
