// `npm run demo`: the demo scenario served by local GitHub- and Unleash-shaped servers, read
// by the SafeDeploy Events datasource through the preview host's emulated data proxy.
import { githubRepos, createScenario, demoMetrics, gateAnnotations } from './demo/scenario.mjs';
import { startFakeGitHub } from './demo/fakeGitHub.mjs';
import { startFakeUnleash } from './demo/fakeUnleash.mjs';
import { startPreviewServer } from './server.mjs';

const port = Number(process.env.PORT ?? 3000);
const scenario = createScenario({ now: Date.now() });
const token = 'demo-token-not-secret';
const github = await startFakeGitHub({ repos: githubRepos(scenario), token });
const unleash = await startFakeUnleash({ events: scenario.flags, token });

const preview = await startPreviewServer({
  port,
  // A plugins folder holding an unzipped release archive, served instead of dist/.
  pluginsDir: process.env.SAFEDEPLOY_PLUGINS_DIR || undefined,
  env: {
    ...process.env,
    SAFEDEPLOY_GITHUB_URL: github.url,
    SAFEDEPLOY_GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
    SAFEDEPLOY_GITHUB_TOKEN: token,
    SAFEDEPLOY_UNLEASH_URL: unleash.url,
    SAFEDEPLOY_UNLEASH_TOKEN: token,
  },
  // What `safedeploy gate --annotate` wrote to Grafana for one deploy.
  annotations: gateAnnotations(scenario),
  metrics: (query) => demoMetrics(scenario, query),
});

console.log(`SafeDeploy demo: http://localhost:${preview.port}/  (preview host; production is Grafana)`);
console.log(`Demo GitHub API: ${github.url}`);
console.log(`Demo Unleash API: ${unleash.url}`);
