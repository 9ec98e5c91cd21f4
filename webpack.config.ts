// The create-plugin webpack config, extended at its documented extension point
// (.config/README.md, "Extending the Webpack config").
import { buildSync } from 'esbuild';
import path from 'path';
import webpack, { type Configuration } from 'webpack';

import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

/**
 * The panel's scoring worker, bundled on its own by esbuild and inlined into the panel as a
 * string (`__SCORE_WORKER_SOURCE__`), which the panel starts from a Blob URL. A worker chunk
 * loaded by URL would resolve against the nested panel's public path and be refused from a
 * CDN on another origin; the inlined source needs neither.
 */
function scoreWorkerSource(production: boolean): string {
  const result = buildSync({
    entryPoints: [path.resolve(process.cwd(), 'src', 'panel', 'scoring', 'score.worker.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2018',
    minify: production,
    legalComments: 'none',
  });
  return result.outputFiles[0].text;
}

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  return {
    ...baseConfig,
    plugins: [...(baseConfig.plugins ?? []), new webpack.DefinePlugin({ __SCORE_WORKER_SOURCE__: JSON.stringify(scoreWorkerSource(Boolean(env.production))) })],
  };
};

export default config;
