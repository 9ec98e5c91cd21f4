import { test as base } from '@playwright/test';

interface Preview {
  url: string;
  token: string;
  github: { url: string; stats: { requests: number; authorization: string[] } };
}

/** A token that appears nowhere but in the provisioning environment and the GitHub server. */
export const TEST_TOKEN = 'ghp_previewTestToken0123456789abcdef';

/**
 * One preview host per worker: the real provisioning files, expanded with an environment
 * that points the GitHub route at a local GitHub-shaped server holding the demo scenario.
 */
export const test = base.extend<{}, { preview: Preview }>({
  preview: [
    async ({}, use) => {
      const { createScenario, githubRepos, errorSeries } = await import('../../preview/demo/scenario.mjs');
      const { startFakeGitHub } = await import('../../preview/demo/fakeGitHub.mjs');
      const { startPreviewServer } = await import('../../preview/server.mjs');
      const scenario = createScenario({ now: Date.now() });
      const github = await startFakeGitHub({ repos: githubRepos(scenario), token: TEST_TOKEN });
      const server = await startPreviewServer({
        port: 0,
        env: { SAFEDEPLOY_GITHUB_URL: github.url, SAFEDEPLOY_GITHUB_TOKEN: TEST_TOKEN },
        metrics: ({ from, to, labels }: Record<string, string>) => {
          const service = /service=([\w-]+)/.exec(labels ?? '')?.[1];
          const frame = service ? errorSeries(scenario, service, Number(from), Number(to)) : null;
          return frame ? [frame] : [];
        },
      });
      await use({ url: `http://127.0.0.1:${server.port}`, token: TEST_TOKEN, github });
      await server.close();
      await github.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
