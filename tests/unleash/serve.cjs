// Runs the installed Unleash server on a free loopback port against the PostgreSQL database
// the environment names, with one admin API token, and prints `listening <port>` when ready.
// Started by startUnleash.ts, one process per test file.
// Resolved from the install folder as a package (its `exports` names the entry point).
const unleash = require(require.resolve('unleash-server', { paths: [process.env.UNLEASH_DIR] }));

unleash
  .start({
    db: {
      host: '127.0.0.1',
      port: Number(process.env.PG_PORT),
      user: process.env.PG_USER,
      password: '',
      database: process.env.PG_DATABASE,
      ssl: false,
    },
    server: { host: '127.0.0.1', port: 0 },
    logLevel: 'error',
    authentication: {
      type: 'open-source',
      initApiTokens: [{ environment: '*', project: '*', secret: process.env.UNLEASH_ADMIN_TOKEN, type: 'admin', tokenName: 'contract-test' }],
    },
  })
  .then((instance) => console.log(`listening ${instance.server.address().port}`))
  .catch((error) => {
    console.error(`Unleash did not start: ${error.message}`);
    process.exit(1);
  });
