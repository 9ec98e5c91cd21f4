/**
 * @jest-environment node
 */
import { EVENTS_COMMAND_FLAGS } from './events/eventsCommand';
import { assertBuilt, runCli } from './gate/testing/runCli';
import { SCORE_COMMAND_FLAGS } from './score/scoreCommand';

// Each test starts a Node process; on a loaded machine that alone can take seconds.
jest.setTimeout(30_000);

beforeAll(() => assertBuilt());

/** The first line of each command's usage, which says what the command does. */
const HEADERS: Array<[string, string[], RegExp]> = [
  ['safedeploy', [], /^safedeploy \d+\.\d+\.\d+\S*: read deploy events and score their impact/],
  ['safedeploy events', ['events'], /^safedeploy events: read deploy and change events/],
  ['safedeploy score', ['score'], /^safedeploy score: score each event by the error spike/],
  ['safedeploy gate', ['gate'], /^safedeploy gate: wait after a deploy, read Prometheus/],
];

describe('--help and -h, through the built command line', () => {
  it.each(HEADERS.flatMap(([name, args, header]) => ['--help', '-h'].map((flag) => [`${name} ${flag}`, [...args, flag], header] as const)))(
    '%s prints that command’s usage on stdout and exits 0',
    async (_name, args, header) => {
      const run = await runCli([...args]);
      expect({ code: run.code, stderr: run.stderr }).toStrictEqual({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(header);
    }
  );

  it('answers --help even after flags that would fail: the usage is what was asked for', async () => {
    const run = await runCli(['score', '--series', 'missing.csv', '--direction', 'sideways', '--help']);
    expect({ code: run.code, stderr: run.stderr }).toStrictEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^safedeploy score:/);
  });

  it.each([
    ['events', Object.keys(EVENTS_COMMAND_FLAGS)],
    ['score', Object.keys(SCORE_COMMAND_FLAGS)],
  ])('%s --help names every flag the command accepts', async (command, flags) => {
    const { stdout } = await runCli([command, '--help']);
    expect(flags.filter((flag) => !stdout.includes(`--${flag}`))).toStrictEqual([]);
  });

  it.each(HEADERS.map(([name, args]) => [name, args] as const))(
    '%s --help points to no file the package lacks: every document it names is an https URL of this release',
    async (_name, args) => {
      const { stdout } = await runCli([...args, '--help']);
      const documents = [...stdout.matchAll(/\S+\.md\b/g)].map((m) => m[0]);
      expect(documents.filter((doc) => !/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/v\d+\.\d+\.\d+\/[\w./-]+\.md$/.test(doc))).toStrictEqual([]);
    }
  );

  it('gate --help points to the CI docs by absolute URL', async () => {
    const { stdout } = await runCli(['gate', '--help']);
    expect(stdout).toMatch(/Details and CI snippets: https:\/\/\S+\/docs\/ci\.md\n$/);
  });
});

describe('an unknown flag names the nearest valid one', () => {
  it.each([
    ['score', '--serie', '--series'],
    ['score', '--fromat', '--format'],
    ['events', '--tokn-env', '--token-env'],
    ['events', '--deadlin', '--deadline'],
    ['gate', '--promtheus', '--prometheus'],
    ['gate', '--fail-no', '--fail-on'],
  ])('%s %s: exit 2, one line that suggests %s', async (command, typed, meant) => {
    const run = await runCli([command, typed, 'x']);
    expect(run).toStrictEqual({ code: 2, stdout: '', stderr: `safedeploy: Unknown option '${typed}'. Did you mean '${meant}'?\n` });
  });

  it.each(['events', 'score', 'gate'])('%s with a flag near none of its own says where its flags are listed', async (command) => {
    const run = await runCli([command, '--verbose']);
    expect(run).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `safedeploy: Unknown option '--verbose'; safedeploy ${command} --help lists the flags\n`,
    });
  });

  it.each([
    ['scroe', 'did you mean "score"? '],
    ['--verison', 'did you mean "--version"? '],
    ['deploy', ''],
  ])('a mistyped command %s names the nearest one, if any is near', async (typed, hint) => {
    const run = await runCli([typed]);
    expect(run).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `safedeploy: unknown command "${typed}"; ${hint}use "events", "score", "gate" or "guard" (--help for usage)\n`,
    });
  });
});
