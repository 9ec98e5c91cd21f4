import { Verdict } from '../../engine';
import { EventKind } from '../../events/types';
import { makeScored } from '../testing/makeScored';
import { actingDatasourceOf, EVENTS_DATASOURCE_TYPE, flagTargetOf } from './flagTarget';

const flag = (event = {}, impact = {}) =>
  makeScored(
    {
      id: 'unleash:7',
      kind: EventKind.Flag,
      source: 'unleash',
      flagKey: 'semantic-search',
      environment: 'production',
      tags: ['project:default', 'flag:semantic-search'],
      ...event,
    },
    { verdict: Verdict.TurnOff, ...impact }
  );

describe('flagTargetOf', () => {
  it('names the flag, environment, project and provider of a flag change judged Turn flag off', () => {
    expect(flagTargetOf(flag())).toStrictEqual({
      provider: 'unleash',
      project: 'default',
      flag: 'semantic-search',
      environment: 'production',
      judged: { id: flag().event.id, at: flag().event.time },
    });
    expect(flagTargetOf(flag({ source: 'launchdarkly', tags: ['project:shop'] }))).toMatchObject({
      provider: 'launchdarkly',
      project: 'shop',
    });
  });

  it.each([
    ['another verdict', flag({}, { verdict: Verdict.RollBack })],
    ['an event still being scored', { ...flag(), pending: true }],
    ['a deploy from GitHub', flag({ source: 'github' })],
    ['a flag change without a project', flag({ tags: ['flag:semantic-search'] })],
    ['a flag change without an environment', flag({ environment: ' ' })],
    ['a change without a flag key', flag({ flagKey: '' })],
    ['a change a later event already fixed (fixedBy)', flag({}, { fixedBy: 'unleash:8', timeToRestoreMs: 600_000 })],
    ['a change whose flag was already turned off (decisionTaken)', flag({}, { decisionTaken: Verdict.TurnOff })],
  ])('offers nothing for %s', (_, scored) => {
    expect(flagTargetOf(scored)).toBeNull();
  });
});

describe('actingDatasourceOf', () => {
  const events = { type: EVENTS_DATASOURCE_TYPE, uid: 'safedeploy-events' };
  const targets = [
    { refId: 'A', datasource: { type: 'prometheus', uid: 'prom' } },
    { refId: 'E', datasource: events, provider: 'github' },
    { refId: 'F', datasource: events, provider: 'unleash' },
  ];

  it('finds the SafeDeploy Events datasource whose query read that provider', () => {
    expect(actingDatasourceOf(targets, null, 'unleash')).toStrictEqual({ ref: events });
    expect(actingDatasourceOf(targets, null, 'unleash', 'F')).toStrictEqual({ ref: events });
  });

  it('finds none for a provider no SafeDeploy query read, or a query on another datasource type', () => {
    expect(actingDatasourceOf(targets, null, 'launchdarkly')).toBeNull();
    expect(
      actingDatasourceOf(
        [{ refId: 'X', datasource: { type: 'other', uid: 'o' }, provider: 'unleash' }],
        null,
        'unleash'
      )
    ).toBeNull();
    expect(actingDatasourceOf(undefined, null, 'unleash')).toBeNull();
  });

  it("takes the panel's datasource for a query that names none", () => {
    expect(actingDatasourceOf([{ refId: 'F', provider: 'unleash' }], events, 'unleash')).toStrictEqual({ ref: events });
  });

  describe('two datasources of one provider (two Unleash instances)', () => {
    // CONSTRUCTED: a panel whose queries read Unleash in Europe and in the US.
    const eu = { type: EVENTS_DATASOURCE_TYPE, uid: 'unleash-eu' };
    const us = { type: EVENTS_DATASOURCE_TYPE, uid: 'unleash-us' };
    const both = [
      { refId: 'EU', datasource: eu, provider: 'unleash' },
      { refId: 'US', datasource: us, provider: 'unleash' },
    ];

    it('acts through the datasource whose query read the event, whichever comes first', () => {
      expect(actingDatasourceOf(both, null, 'unleash', 'US')).toStrictEqual({ ref: us });
      expect(actingDatasourceOf(both, null, 'unleash', 'EU')).toStrictEqual({ ref: eu });
    });

    it.each([
      ['an annotation (no query)', undefined],
      ['a query this panel does not have', 'Anno'],
    ])('says why it cannot act, instead of guessing, for an event from %s', (_, refId) => {
      expect(actingDatasourceOf(both, null, 'unleash', refId)).toStrictEqual({
        why: '2 Unleash data sources in this panel read flags and this change does not say which one read it: turn the flag off in Unleash.',
      });
    });

    it('acts through one datasource that two queries read', () => {
      const twice = [both[0], { ...both[0], refId: 'EU2' }];
      expect(actingDatasourceOf(twice, null, 'unleash')).toStrictEqual({ ref: eu });
    });

    it('finds none when the query that read the event cannot act for that provider', () => {
      const other = [...both, { refId: 'J', datasource: { type: 'marcusolsson-json-datasource', uid: 'json' } }];
      expect(actingDatasourceOf(other, null, 'unleash', 'J')).toBeNull();
    });
  });
});
