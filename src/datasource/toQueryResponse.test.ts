import { DataFrame, LoadingState } from '@grafana/data';

import { DeployEvent, EventKind, EventSource, EventStatus } from '../events/types';
import { readFailureOf, toQueryResponse } from './toQueryResponse';

// CONSTRUCTED: one deploy event in the shared event shape.
const event = {
  id: 'github:1',
  source: EventSource.GitHub,
  kind: EventKind.Deploy,
  status: EventStatus.Success,
  time: Date.parse('2026-01-01T10:00:00Z'),
  timeEnd: null,
  title: 'Deploy v1 to production',
  service: 'checkout',
  environment: 'production',
} as unknown as DeployEvent;

describe('toQueryResponse', () => {
  it('a read that got events and lost some keeps them, each loss a warning notice that says it is partial', () => {
    const response = toQueryResponse(
      { events: [event], notices: [{ severity: 'error', text: 'GitHub returned 502 for page 3.' }, { severity: 'info', text: 'read via REST' }] },
      'A'
    );
    expect(response.state).toBe(LoadingState.Done);
    expect(response.errors).toBeUndefined();
    expect(response.data[0].length).toBe(1);
    expect(response.data[0].meta.notices).toStrictEqual([
      { severity: 'warning', text: 'Partial result, not everything was read: GitHub returned 502 for page 3.' },
      { severity: 'info', text: 'read via REST' },
    ]);
  });

  it('a read that got nothing and met errors is an error with one entry per cause', () => {
    const response = toQueryResponse({ events: [], notices: [{ severity: 'error', text: 'a' }, { severity: 'error', text: 'b' }] }, 'B');
    expect(response).toStrictEqual({
      key: 'B',
      state: LoadingState.Error,
      data: [],
      error: { refId: 'B', message: 'a b' },
      errors: [
        { refId: 'B', message: 'a' },
        { refId: 'B', message: 'b' },
      ],
    });
  });

  it('given the end of the range read, a read that got nothing also holds an empty frame carrying why, for an annotation layer', () => {
    const response = toQueryResponse({ events: [], notices: [{ severity: 'error', text: 'a' }] }, 'Anno', 1_000);
    expect(response.state).toBe(LoadingState.Error);
    expect(response.errors).toStrictEqual([{ refId: 'Anno', message: 'a' }]);
    expect(response.data.map((frame: DataFrame) => [frame.length, readFailureOf(frame)])).toStrictEqual([[0, { at: 1_000, messages: ['a'], partial: false }]]);
  });

  it('given the end of the range read, a read that got events and lost some also carries the loss in its frame, for an annotation layer', () => {
    const response = toQueryResponse({ events: [event], notices: [{ severity: 'error', text: 'GitHub returned 404 for shop/typo.' }] }, 'Anno', 1_000);
    expect(response.state).toBe(LoadingState.Done);
    expect(readFailureOf(response.data[0])).toStrictEqual({ at: 1_000, messages: ['GitHub returned 404 for shop/typo.'], partial: true });
    expect(readFailureOf(toQueryResponse({ events: [event], notices: [] }, 'Anno', 1_000).data[0])).toBeNull();
  });

  describe('edge cases', () => {
    it('no events and no error is an empty result, not an error: the range simply had no deploys', () => {
      const response = toQueryResponse({ events: [], notices: [{ severity: 'warning', text: 'stopped after 10 pages' }] }, 'C');
      expect(response.state).toBe(LoadingState.Done);
      expect(response.data[0].length).toBe(0);
      expect(response.data[0].meta.notices).toStrictEqual([{ severity: 'warning', text: 'stopped after 10 pages' }]);
    });
  });
});
