import { newNotices } from './sayOnce';

describe('newNotices', () => {
  it('says a notice whose count grows between reads once, and keeps its latest wording for the report', () => {
    const said = new Map<string, string>();
    expect(newNotices(said, ['3 NaN or infinite samples were read as gaps (a ratio divided by zero?)'])).toStrictEqual([
      '3 NaN or infinite samples were read as gaps (a ratio divided by zero?)',
    ]);
    expect(newNotices(said, ['5 NaN or infinite samples were read as gaps (a ratio divided by zero?)', 'no requests series with the same service and version as web errors: judged as a count'])).toStrictEqual([
      'no requests series with the same service and version as web errors: judged as a count',
    ]);
    expect([...said.values()]).toStrictEqual([
      '5 NaN or infinite samples were read as gaps (a ratio divided by zero?)',
      'no requests series with the same service and version as web errors: judged as a count',
    ]);
  });

  it('tells notices apart by anything but a leading count: numbers inside them still count', () => {
    const said = new Map<string, string>();
    expect(newNotices(said, ['no requests series with the same service and version as v1 errors: judged as a count', 'no requests series with the same service and version as v2 errors: judged as a count'])).toHaveLength(2);
  });
});
