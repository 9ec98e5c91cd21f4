// Jest setup provided by Grafana scaffolding, for the jsdom tests; tests that run in the
// node environment (real HTTP servers) have no DOM to patch.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
}
