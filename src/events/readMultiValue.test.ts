import { splitValues, valueNotices } from './readMultiValue';

describe('splitValues', () => {
  it('reads comma-separated values as Grafana writes a multi-value variable: trimmed, distinct, none empty', () => {
    expect(splitValues(' production, staging,production,,')).toStrictEqual(['production', 'staging']);
    expect(splitValues(undefined)).toStrictEqual([]);
  });
});

describe('valueNotices', () => {
  it.each([
    ['Scope', { scope: '{shop/web,shop/api}' }],
    ['Environment', { environment: '{production,staging}' }],
    ['Service', { service: '{checkout,search}' }],
  ])('warns when the %s holds a variable written as a glob, and says how to write it', (field, fields) => {
    const warnings = valueNotices(fields).filter((notice) => notice.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].text).toMatch(new RegExp(`^${field} "\\{.*\\}" holds a "\\{": .* Write it as \\$name \\(or \\$\\{name:csv\\}\\)`));
  });

  it('says nothing of comma-separated values in the scope or the environment', () => {
    expect(valueNotices({ scope: 'shop/web,shop/api', environment: 'production,staging' })).toStrictEqual([]);
  });
});
