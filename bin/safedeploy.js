#!/usr/bin/env node
// The safedeploy command line. `npm run build` bundles it into .build/cli/safedeploy.cjs.
'use strict';
const fs = require('fs');
const path = require('path');

const bundle = path.join(__dirname, '..', '.build', 'cli', 'safedeploy.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('safedeploy: the command line is not built yet; run `npm run build` first.\n');
  process.exit(2);
}
require(bundle)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
