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

  it('finds the SafeDeploy Events datasource whose query read the event', () => {
    expect(actingDatasourceOf(targets, null, 'unleash', { refId: 'F' })).toStrictEqual({ ref: events });
  });

  it('finds none when the query that read it reads another provider, or is on another datasource type', () => {
    expect(actingDatasourceOf(targets, null, 'launchdarkly', { refId: 'F' })).toBeNull();
    expect(actingDatasourceOf([{ refId: 'X', datasource: { type: 'other', uid: 'o' }, provider: 'unleash' }], null, 'unleash', { refId: 'X' })).toBeNull();
  });

  it("takes the panel's datasource for a query that names none", () => {
    expect(actingDatasourceOf([{ refId: 'F', provider: 'unleash' }], events, 'unleash', { refId: 'F' })).toStrictEqual({ ref: events });
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
      expect(actingDatasourceOf(both, null, 'unleash', { refId: 'US' })).toStrictEqual({ ref: us });
      expect(actingDatasourceOf(both, null, 'unleash', { refId: 'EU' })).toStrictEqual({ ref: eu });
    });

    it('acts through the annotation layer\'s datasource for an event from a layer, though the panel reads another', () => {
      expect(actingDatasourceOf([both[0]], null, 'unleash', { layer: { name: 'US flags', datasource: us } })).toStrictEqual({ ref: us });
      expect(actingDatasourceOf([], null, 'unleash', { layer: { name: 'US flags', datasource: { uid: 'unleash-us' } } })).toStrictEqual({ ref: us });
    });

    it('finds none for a layer on another datasource type', () => {
      expect(actingDatasourceOf(both, null, 'unleash', { layer: { name: 'Loki', datasource: { type: 'loki', uid: 'l' } } })).toBeNull();
    });

    it.each([
      ['an annotation that names no layer', {}, 'this change names no query of this panel and no annotation layer'],
      ['a query this panel does not have', { refId: 'Anno' }, 'this change names no query of this panel and no annotation layer'],
      ['a layer on the default data source', { layer: { name: 'Flags', datasource: null } }, 'the annotation layer Flags names no data source (it reads the default one)'],
      ['a layer on a data source variable', { layer: { name: 'Flags', datasource: { type: EVENTS_DATASOURCE_TYPE, uid: '${unleash}' } } }, 'the annotation layer Flags reads it through a data source given by a variable (${unleash})'],
    ])('says why it cannot act, instead of guessing, for an event from %s', (_, from, why) => {
      for (const panel of [both, [both[0]]]) {
        expect(actingDatasourceOf(panel, null, 'unleash', from)).toStrictEqual({
          why: `${why}, so which Unleash data source read it is not known here: turn the flag off in Unleash.`,
        });
      }
    });

    it('finds none when the query that read the event cannot act for that provider', () => {
      const other = [...both, { refId: 'J', datasource: { type: 'marcusolsson-json-datasource', uid: 'json' } }];
      expect(actingDatasourceOf(other, null, 'unleash', { refId: 'J' })).toBeNull();
    });
  });
});
