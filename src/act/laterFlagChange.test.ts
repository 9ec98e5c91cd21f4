import { FlagChange, laterFlagChange } from './laterFlagChange';

const TARGET = { flag: 'semantic-search', environment: 'production', project: 'default' };
const change = (id: string, time: number, over: Partial<FlagChange> = {}): FlagChange => ({
  id,
  time,
  flagKey: 'semantic-search',
  environment: 'production',
  toState: 'on',
  tags: ['project:default', 'flag:semantic-search'],
  ...over,
});

describe('laterFlagChange', () => {
  it('finds the newest change of the same flag, environment and project after the one judged', () => {
    const changes = [change('a', 100), change('b', 300, { toState: 'off' }), change('c', 200)];
    expect(laterFlagChange(TARGET, 'a', 100, changes)?.id).toBe('b');
  });

  it.each([
    ['another environment', { environment: 'staging' }],
    ['another flag', { flagKey: 'new-checkout' }],
    ['another project', { tags: ['project:payments'] }],
  ])('ignores a change in %s', (_name, over) => {
    expect(laterFlagChange(TARGET, 'a', 100, [change('a', 100), change('b', 200, over)])).toBeNull();
  });

  describe('edge cases', () => {
    it('ignores the judged change itself and anything at or before it', () => {
      expect(laterFlagChange(TARGET, 'a', 100, [change('a', 100), change('z', 100), change('y', 50)])).toBeNull();
    });
  });
});
