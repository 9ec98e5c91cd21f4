import { readFixture } from '../testing/fixtures';
import { EventKind, EventSource, EventStatus } from '../types';
import { describeUnleashStrategy, parseUnleashEvent } from './readUnleash';

describe('Unleash event parser', () => {
  const { events: toggles } = readFixture('unleash/events_search_CONSTRUCTED.json') as { events: unknown[] };
  const { events: strategies } = readFixture('unleash/events_search_strategies_CONSTRUCTED.json') as { events: unknown[] };

  it.each([
    ['enabled', toggles[0], { kind: EventKind.Flag, flagKey: 'new-checkout', environment: 'production', fromState: 'off', toState: 'on', title: 'Flag new-checkout turned on in production' }],
    ['disabled', toggles[1], { kind: EventKind.Flag, flagKey: 'new-checkout', environment: 'production', fromState: 'on', toState: 'off', title: 'Flag new-checkout turned off in production' }],
    ['variants updated', strategies[0], { kind: EventKind.Config, flagKey: 'semantic-ranking', fromState: 'bm25 100%', toState: 'bm25 50%, vector 50%' }],
    ['strategy updated', strategies[1], { kind: EventKind.Flag, fromState: 'on for 10%', toState: 'on for 100%', text: 'on for 10% → on for 100%' }],
    ['strategy added', strategies[2], { kind: EventKind.Flag, environment: 'staging', fromState: '', toState: 'on for everyone (1 constraint)' }],
    ['strategy removed', strategies[3], { kind: EventKind.Flag, flagKey: 'legacy-suggest', fromState: 'on for listed users', toState: 'strategy removed' }],
  ])('reads a feature %s event as a change with its states', (_, item, expected) => {
    expect(parseUnleashEvent(item)).toMatchObject({ source: EventSource.Unleash, status: EventStatus.Success, ...expected });
  });

  it('keeps id, time, author and tags of the event', () => {
    expect(parseUnleashEvent(toggles[0])).toMatchObject({
      id: 'unleash:42',
      time: Date.parse('2022-06-29T13:29:48Z'),
      author: 'user@company.com',
      version: 'new-checkout on',
      tags: ['project:default', 'flag:new-checkout'],
    });
    expect(parseUnleashEvent(strategies[0])).toMatchObject({ tags: ['project:search', 'flag:semantic-ranking', 'ranking'] });
  });

  it('describes rollout strategies by the share of users they reach', () => {
    expect(describeUnleashStrategy({ name: 'gradualRolloutUserId', parameters: { percentage: 25 } })).toBe('on for 25%');
    expect(describeUnleashStrategy({ name: 'flexibleRollout', parameters: { rollout: '50' }, disabled: true })).toBe('flexibleRollout paused');
    expect(describeUnleashStrategy({ name: 'remoteAddress', parameters: {} })).toBe('on by remoteAddress');
    expect(describeUnleashStrategy(null)).toBe('');
  });

  describe('edge cases', () => {
    it.each([
      ['not an object', 'not an object'],
      [{ createdAt: '2024-01-01T00:00:00Z' }, 'missing id'],
      [{ id: 1, createdAt: 'yesterday' }, 'missing or impossible createdAt'],
      [strategies[4], 'not a flag change'],
      [{ id: 2, createdAt: '2024-01-01T00:00:00Z', type: 'feature-environment-enabled' }, 'not a flag change'],
    ])('skips %j with the reason', (item, reason) => {
      expect(parseUnleashEvent(item)).toBe(reason);
    });
  });
});
