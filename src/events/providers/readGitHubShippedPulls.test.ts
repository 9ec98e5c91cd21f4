import { readFixture } from '../testing/fixtures';
import { recordingClient } from '../testing/recordingClient';
import { MAX_DEPLOYS_WITH_PULLS, parseShippedPulls, readShippedPulls } from './readGitHubShippedPulls';

const answer = readFixture('github/graphql_shipped_pulls_CONSTRUCTED.json');
const previousDeployAt = Date.parse('2024-05-13T18:00:00Z');
const deployAt = Date.parse('2024-05-14T10:00:00Z');

describe('pull requests a GitHub deploy shipped', () => {
  it('counts each pull request merged into the deployed branch since the previous deploy once, with its merge time', () => {
    expect(parseShippedPulls(answer, { branch: 'main', previousDeployAt, deployAt })).toStrictEqual({
      count: 2,
      mergeTimes: [Date.parse('2024-05-14T08:15:00Z'), Date.parse('2024-05-14T09:40:00Z')],
      truncated: false,
    });
  });

  describe('edge cases', () => {
    it('says the count is a lower bound when the history was longer than one page', () => {
      const long = { repository: { object: { history: { totalCount: 250, nodes: [] } } } };
      expect(parseShippedPulls(long, { branch: 'main', previousDeployAt, deployAt })).toStrictEqual({ count: 0, mergeTimes: [], truncated: true });
    });

    it('reads nothing from an answer without a commit (a sha GitHub does not know)', () => {
      expect(parseShippedPulls({ repository: { object: null } }, { branch: 'main', previousDeployAt, deployAt })).toStrictEqual({ count: 0, mergeTimes: [], truncated: false });
    });
  });

  it(`sends one request per deploy, for the newest ${MAX_DEPLOYS_WITH_PULLS} deploys at most`, async () => {
    const { client, requested } = recordingClient('https://api.github.com', () => ({ data: answer }));
    const deploys = Array.from({ length: MAX_DEPLOYS_WITH_PULLS + 10 }, (_, i) => ({
      sha: i.toString(16).padStart(40, 'a'),
      branch: 'main',
      deployAt: deployAt + i * 60_000,
      previousDeployAt,
    }));
    const read = await readShippedPulls(client, '/graphql', 'shop/checkout', deploys);
    expect(requested).toHaveLength(MAX_DEPLOYS_WITH_PULLS);
    expect(read.filter((r) => r === null)).toHaveLength(10);
    expect(read[0]).toBeNull();
    expect(read[read.length - 1]).toMatchObject({ count: 2 });
  });
});
