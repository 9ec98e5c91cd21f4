import { Verdict } from '../../engine';
import { EventKind } from '../../events/types';
import { makeScored } from '../testing/makeScored';
import { Asked, whyStale } from './whyStale';

const FLAG = makeScored(
  {
    id: 'unleash:7',
    kind: EventKind.Flag,
    source: 'unleash',
    flagKey: 'semantic-search',
    environment: 'production',
    tags: ['project:default'],
  },
  { verdict: Verdict.TurnOff }
);
const ASKED: Asked = {
  target: { provider: 'unleash', project: 'default', flag: 'semantic-search', environment: 'production' },
  ref: { type: 'safedeploy-events-datasource', uid: 'unleash-eu' },
};
const REFRESHED = 'the data refreshed while the confirmation was open';

describe('whyStale', () => {
  it('lets a confirmation through when the change is offered as it was', () => {
    expect(whyStale(ASKED, FLAG, { target: { ...ASKED.target }, ref: { ...ASKED.ref } })).toBeNull();
  });

  it.each([
    ['the change is gone', undefined, null, 'this change is no longer in the panel'],
    [
      'it is being scored again',
      { ...FLAG, pending: true },
      null,
      'this change is being scored again; confirm again once its verdict is back',
    ],
    [
      'its flag was already turned off by a later change',
      makeScored(FLAG.event, { ...FLAG.impact, decisionTaken: Verdict.TurnOff }),
      null,
      'a later change already fixed this one',
    ],
    [
      'it is now judged Watch',
      makeScored(FLAG.event, { verdict: Verdict.Watch }),
      null,
      'this change is now judged Watch',
    ],
    [
      'the panel no longer offers it (its query was removed)',
      FLAG,
      null,
      'this flag can no longer be turned off from this panel',
    ],
    [
      'the panel cannot tell which datasource would act',
      FLAG,
      { why: 'two Unleash data sources read flags.' },
      'two Unleash data sources read flags',
    ],
    [
      'it names another environment now',
      FLAG,
      { ...ASKED, target: { ...ASKED.target, environment: 'staging' } },
      'what this change would turn off (flag, environment, project or data source) changed; look at it again',
    ],
  ])('sends nothing when %s, and says why in one sentence', (_, now, offerNow, why) => {
    expect(whyStale(ASKED, now, offerNow)).toBe(`${REFRESHED}: ${why}. Nothing was sent.`);
  });
});
