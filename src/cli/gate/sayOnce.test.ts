import { nonFiniteNotice } from '../../metrics/readPrometheus';
import { newNotices } from './sayOnce';

describe('newNotices', () => {
  it('says a query\'s NaN notice once as its count grows between reads, singular to plural, and keeps its latest wording for the report', () => {
    const said = new Map<string, string>();
    expect(newNotices(said, [nonFiniteNotice('query errors', 1)])).toStrictEqual(['query errors: 1 NaN or infinite sample was read as gaps (a ratio divided by zero?)']);
    const unmatched = 'no requests series with the same service and version as web errors: judged as a count';
    expect(newNotices(said, [nonFiniteNotice('query errors', 5), unmatched])).toStrictEqual([unmatched]);
    expect(newNotices(said, [nonFiniteNotice('query errors', 1_204), unmatched])).toStrictEqual([]);
    expect([...said.values()]).toStrictEqual(['query errors: 1,204 NaN or infinite samples were read as gaps (a ratio divided by zero?)', unmatched]);
  });

  it('says the NaN notices of two queries each, and tells other notices apart by every word and number', () => {
    const said = new Map<string, string>();
    expect(newNotices(said, [nonFiniteNotice('query errors', 3), nonFiniteNotice('query requests', 3)])).toHaveLength(2);
    const v1 = 'no requests series with the same service and version as v1 errors: judged as a count';
    expect(newNotices(said, [v1, v1.replace('v1', 'v2'), `2 ${v1}`])).toHaveLength(3);
  });
});
