import { nearestFlag } from './nearestFlag';

const GATE_LIKE = ['prometheus', 'query', 'total-query', 'deploy-time', 'deploy-version', 'token-env', 'from', 'to', 'timeout', 'format'];

describe('nearestFlag', () => {
  it.each([
    ['promtheus', 'prometheus'],
    ['qeury', 'query'],
    ['tokenenv', 'token-env'],
    ['timout', 'timeout'],
    ['fromat', 'format'],
    ['deploy-t', 'deploy-time'],
    ['total', 'total-query'],
  ])('takes --%s for --%s', (typed, meant) => {
    expect(nearestFlag(typed, GATE_LIKE)).toBe(meant);
  });

  describe('edge cases', () => {
    it('suggests nothing when no flag is within one edit per three characters typed', () => {
      expect(nearestFlag('foo', GATE_LIKE)).toBeNull();
      expect(nearestFlag('verbose', GATE_LIKE)).toBeNull();
      expect(nearestFlag('x', GATE_LIKE)).toBeNull();
    });

    it('takes the first of two flags at the same distance, so the answer does not depend on chance', () => {
      expect(nearestFlag('ta', ['to', 'tb'])).toBe('to');
    });

    it('suggests nothing for the beginning of two flags: --deploy could be --deploy-time or --deploy-version', () => {
      expect(nearestFlag('deploy', GATE_LIKE)).toBeNull();
    });

    it('suggests nothing from an empty list', () => {
      expect(nearestFlag('query', [])).toBeNull();
    });
  });
});
