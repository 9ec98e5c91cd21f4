import { DeployEvent, EventKind, EventSource, EventStatus } from '../types';
import { attachShippedChanges, ShippedLookup } from './attachShippedChanges';

// Deploys in the shared event shape (makeEvent's fields), as the GitLab provider makes them; CONSTRUCTED.
const deploy = (i: number): DeployEvent => ({
  time: 1_700_000_000_000 + i * 60_000,
  timeEnd: null,
  id: `gitlab:deployment:${i}`,
  source: EventSource.GitLab,
  kind: EventKind.Deploy,
  status: EventStatus.Success,
  service: 'web',
  environment: 'production',
  version: '',
  commit: '',
  author: '',
  title: '',
  text: '',
  url: null,
  tags: [],
});
const WHAT = 'GitLab: merge requests shipped by deployments of shop/web';
const oneChange: ShippedLookup = { changes: { count: 1, mergeTimes: [1_699_999_000_000], truncated: false } };

describe('attachShippedChanges', () => {
  it('sets the counts of every deploy looked up, with no notice', async () => {
    const { events, notices } = await attachShippedChanges([deploy(1), deploy(2)], () => async () => oneChange, WHAT);
    expect(events.map((e) => e.mergedChanges)).toStrictEqual([1, 1]);
    expect(notices).toStrictEqual([]);
  });

  it('makes a failed lookup an error, said once: the counts asked for are lost (regression: a warning left the exit status 0)', async () => {
    let calls = 0;
    const { events, notices } = await attachShippedChanges([deploy(1), deploy(2)], () => async () => (calls++, { problem: 'GitLab returned 401 Unauthorized' }), WHAT);
    expect(calls).toBe(1);
    expect(events.every((e) => e.mergedChanges === undefined)).toBe(true);
    expect(notices).toStrictEqual([{ severity: 'error', text: `${WHAT} could not be read (GitLab returned 401 Unauthorized), so 2 deploys carry no lead time or batch size.` }]);
  });

  describe('edge cases', () => {
    it('says, as an error, that the deadline cut the lookups short and keeps what was found', async () => {
      const controller = new AbortController();
      const lookUp = () => async () => {
        controller.abort(new Error('deadline'));
        return oneChange;
      };
      const { events, notices } = await attachShippedChanges([deploy(1), deploy(2), deploy(3)], lookUp, WHAT, controller.signal);
      expect(events.filter((e) => e.mergedChanges !== undefined).map((e) => e.id)).toStrictEqual(['gitlab:deployment:3']);
      expect(notices).toStrictEqual([{ severity: 'error', text: `${WHAT} were cut short by the read's deadline, so 2 deploys carry no lead time or batch size.` }]);
    });
  });
});
