import { flagProjectOf } from './flagProjectOf';

describe('flagProjectOf', () => {
  it.each([
    [['project:default', 'flag:semantic-search'], 'default'],
    [['flag:x', 'project: shop '], 'shop'],
    [['project:a', 'project:b'], 'a'],
  ])('reads the first project tag of %j, trimmed', (tags, project) => {
    expect(flagProjectOf(tags)).toBe(project);
  });

  describe('edge cases', () => {
    it('is undefined when no tag names a project', () => {
      expect(flagProjectOf(['flag:x', 'env:production'])).toBeUndefined();
    });

    it('is empty text for a project tag with nothing after it', () => {
      expect(flagProjectOf(['project:'])).toBe('');
    });
  });
});
