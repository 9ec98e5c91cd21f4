import { readFixture } from '../testing/fixtures';
import { EventKind, EventSource } from '../types';
import { parseFlagResource, parseLaunchDarklyEntry } from './readLaunchDarkly';

describe('LaunchDarkly audit log parser', () => {
  const { items } = readFixture('launchdarkly/auditlog_list_CONSTRUCTED.json') as { items: unknown[] };

  it.each([
    ['turned off', items[0], { fromState: 'on', toState: 'off', environment: 'production', author: 'Sam Lee', time: 1718019000000 }],
    ['turned on', items[1], { fromState: 'off', toState: 'on', environment: 'production', author: 'Ada Park', time: 1718018520000 }],
    ['targeting changed', items[2], { fromState: '', toState: 'default rule changed', environment: 'staging' }],
  ])('reads a flag %s in one environment', (_, item, expected) => {
    expect(parseLaunchDarklyEntry(item)).toMatchObject({ source: EventSource.LaunchDarkly, kind: EventKind.Flag, flagKey: 'new-checkout', ...expected });
  });

  it('keeps the comment and names the flag in the title', () => {
    expect(parseLaunchDarklyEntry(items[0])).toMatchObject({
      id: 'launchdarkly:6666a1f0c0ffee0000000004',
      title: 'Flag New checkout turned off in production',
      text: 'errors up, turning it off\nTurned off the flag',
      tags: ['project:shop', 'flag:new-checkout'],
      url: null,
    });
  });

  it('reads project, environment and flag out of a resource specifier with tags', () => {
    expect(parseFlagResource('proj/shop:env/staging;qa:flag/new-checkout')).toStrictEqual({ project: 'shop', environment: 'staging', flagKey: 'new-checkout' });
    expect(parseFlagResource('member/2')).toBeNull();
  });

  describe('edge cases', () => {
    it.each([
      ['flag creation (all environments)', items[3], 'not a flag change in one environment'],
      ['a member change', items[4], 'not a flag change in one environment'],
      ["LaunchDarkly's own sample entry, an environment rename", readFixture('launchdarkly/auditlog_entry_spec_sample.json'), 'not a flag change in one environment'],
      ['not an object', 7, 'not an object'],
      ['no id', { date: 1718018520000 }, 'missing _id'],
      ['an impossible date', { _id: 'x', date: 12 }, 'missing or impossible date'],
      [
        'an on/off entry without a direction',
        { _id: 'x', date: 1718018520000, titleVerb: 'changed the flag', accesses: [{ action: 'updateOn', resource: 'proj/a:env/b:flag/c' }] },
        'on/off change without a direction',
      ],
    ])('skips %s with the reason', (_, item, reason) => {
      expect(parseLaunchDarklyEntry(item)).toBe(reason);
    });
  });
});
