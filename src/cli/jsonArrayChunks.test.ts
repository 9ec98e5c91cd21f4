import { jsonArrayChunks } from './jsonArrayChunks';

describe('jsonArrayChunks', () => {
  const items = [
    { id: 'v1', text: 'line one\nline two, "quoted" \u202e', nested: { list: [1, 2, { deep: [] }], empty: {} } },
    { id: 'v2', score: 12.5, none: null, tags: ['a', 'b'] },
    { id: '部署 🚀', time: 1767744000000 },
  ];

  it.each([0, 1, 3])('writes what JSON.stringify(items, null, 2) writes, nested %i levels deep', (depth) => {
    const wrapped = (inner: unknown, levels: number): unknown => (levels === 0 ? inner : { events: wrapped(inner, levels - 1) });
    const text = [...jsonArrayChunks(items, (x) => x, depth)].join('');
    let expected = JSON.stringify(wrapped(items, depth), null, 2);
    for (let level = 0; level < depth; level++) {
      expected = expected.replace(/^\{\n\s*"events": /, '').replace(/\n\s*\}$/, '');
    }
    expect(text).toBe(expected);
  });

  it('writes one chunk per item, plus the brackets', () => {
    expect([...jsonArrayChunks(items, (x) => x, 0)]).toHaveLength(items.length + 2);
  });

  describe('edge cases', () => {
    it('writes an empty list as []', () => {
      expect([...jsonArrayChunks([], (x) => x, 1)].join('')).toBe('[]');
    });
  });
});
