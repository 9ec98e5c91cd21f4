/**
 * @jest-environment node
 */
import stringWidth from 'string-width';

import { scoreEvents } from '../../engine';
import { formatScoreTable } from './formatScoreTable';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);
const DEPLOY = START + 2 * 1440 * MINUTE;
/** A surrogate that is not half of a pair: what a cut through an emoji leaves. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** CONSTRUCTED: errors per minute around 12, 80 for an hour from the deploy, then 12 again. */
function series() {
  const times: number[] = [];
  const values: number[] = [];
  for (let t = START; t < DEPLOY + 180 * MINUTE; t += MINUTE) {
    times.push(t);
    values.push(t < DEPLOY ? 10 + ((t / MINUTE) % 5) : t < DEPLOY + 60 * MINUTE ? 80 : 12);
  }
  return [{ id: 'errors', name: 'errors', times, values }];
}

function table(ids: string[]): string[] {
  const events = ids.map((id, i) => ({ id, time: DEPLOY - i * 300 * MINUTE }));
  return formatScoreTable(scoreEvents(series(), events, { now: DEPLOY + 180 * MINUTE }), undefined).trimEnd().split('\n');
}

/** The text of a line from the given terminal column on, as a terminal lays the line out. */
function fromColumn(line: string, column: number): string {
  let used = 0;
  let at = 0;
  for (const { segment, index } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(line)) {
    if (used >= column) {
      break;
    }
    used += stringWidth(segment);
    at = index + segment.length;
  }
  return used === column ? line.slice(at) : `(no cell boundary at column ${column})`;
}

describe('score --format table lays wide text out as a terminal shows it', () => {
  it.each([
    ['CJK', '部署版本号二十三'],
    ['emoji', '🚀🚀 rocket'],
    ['a family emoji (one character of several code points)', '👨‍👩‍👧 team'],
    ['accents written as combining marks', 'cafe\u0301 deploy'],
  ])('keeps every column after an id in %s where the header puts it', (_kind, id) => {
    const [header, ...rows] = table(['v2', id]);
    const scoreAt = header.indexOf('score');
    for (const row of rows) {
      expect(fromColumn(row, scoreAt)).toMatch(/^\d+ +(roll_back|fix_forward|watch|healthy|insufficient_data) /);
    }
  });

  it('cuts an id wider than the column between whole characters, and marks the cut', () => {
    const id = 'x'.repeat(71) + '😀' + 'tail';
    const [header, ...rows] = table(['v2', id]);
    const cut = rows[1];
    expect(cut).not.toMatch(LONE_SURROGATE);
    expect(cut).toContain('x'.repeat(71) + '…');
    expect(fromColumn(cut, header.indexOf('score'))).toMatch(/^\d+ /);
  });

  describe('edge cases', () => {
    it('marks an id of CJK text cut at the column width, with no half of a wide character', () => {
      const id = '部'.repeat(40);
      const [header, ...rows] = table(['v2', id]);
      expect(rows[1]).toContain('部'.repeat(35) + '…');
      expect(fromColumn(rows[1], header.indexOf('score'))).toMatch(/^\d+ /);
    });
  });
});
