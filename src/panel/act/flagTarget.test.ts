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
    expect(actingDatasourceOf(targets, null, 'unleash')).toStrictEqual(events);
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
    expect(actingDatasourceOf([{ refId: 'F', provider: 'unleash' }], events, 'unleash')).toStrictEqual(events);
  });
});
