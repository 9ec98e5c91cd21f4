import { readSortParam, sortParamOf } from './tableSortParam';

const BY_NAME = { id: 'service', desc: false };
const IDS = ['service', 'deploys', 'changeFailureRate'];

describe('sortParamOf and readSortParam', () => {
  it.each([
    [{ id: 'changeFailureRate', desc: true }, 'changeFailureRate-desc'],
    [{ id: 'deploys', desc: false }, 'deploys-asc'],
    [{ id: 'service', desc: true }, 'service-desc'],
  ])('writes %p as %p and reads it back', (order, text) => {
    expect(sortParamOf(order, BY_NAME)).toBe(text);
    expect(readSortParam(`?sort=${text}`, IDS, BY_NAME)).toStrictEqual(order);
  });

  it('leaves the default order out of the address', () => {
    expect(sortParamOf(BY_NAME, BY_NAME)).toBeNull();
    expect(readSortParam('?filter=web', IDS, BY_NAME)).toStrictEqual(BY_NAME);
  });

  describe('edge cases', () => {
    it.each(['leadTime-desc', 'changeFailureRate', 'changeFailureRate-up', '-desc', ''])('reads %p, a column the table does not sort by or no direction, as the default order', (text) => {
      expect(readSortParam(`?sort=${encodeURIComponent(text)}`, IDS, BY_NAME)).toStrictEqual(BY_NAME);
    });
  });
});
