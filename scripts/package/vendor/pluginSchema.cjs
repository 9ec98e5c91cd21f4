// The vendored plugin.json schema (README.md beside it says from where), as a module: ES
// modules load it without import.meta, which the browser tests' loader cannot take in a module
// it loads.
module.exports = require('./plugin.schema.json');
