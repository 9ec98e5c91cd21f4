// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  testMatch: [...base.testMatch, '<rootDir>/tests/**/*.test.{js,ts}', '<rootDir>/preview/**/*.test.{js,ts}', '<rootDir>/scripts/**/*.test.{js,ts}'],
  transform: {
    ...base.transform,
    // d3-color and other Grafana dependencies ship only ESM (.mjs)
    '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
  },
  transformIgnorePatterns: [base.transformIgnorePatterns[0]],
  // Tests assert behaviour, never time: on a busy two-core machine a test that starts a local
  // server and reads a few hundred events took over Jest's default 5 s and failed for it.
  testTimeout: 30_000,
};
