/**
 * The text of `JSON.stringify(items, null, 2)`, nested `depth` levels deep, one item per chunk.
 * A command writes each chunk as it comes, so its output is never one string: 100,000 scored
 * events run to hundreds of megabytes, past the longest string V8 can hold (2^29 characters).
 * O(total length); `toJson` is called once per item, as the chunk is asked for.
 *
 * @example
 * [...jsonArrayChunks([{ a: 1 }, { a: 2 }], (x) => x, 0)].join('') === JSON.stringify([{ a: 1 }, { a: 2 }], null, 2) // true
 */
export function* jsonArrayChunks<T>(items: readonly T[], toJson: (item: T) => unknown, depth: number): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  const outer = '  '.repeat(depth);
  const inner = outer + '  ';
  yield '[\n';
  for (let i = 0; i < items.length; i++) {
    // JSON text holds no raw line break inside a string, so each break starts a line to indent.
    const text = JSON.stringify(toJson(items[i]), null, 2).replace(/\n/g, '\n' + inner);
    yield inner + text + (i < items.length - 1 ? ',\n' : '\n');
  }
  yield outer + ']';
}
