/** The scoring worker's bundled source, defined by the build (webpack.config.ts); absent in tests. */
declare const __SCORE_WORKER_SOURCE__: string | undefined;
