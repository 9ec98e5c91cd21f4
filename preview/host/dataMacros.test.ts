import { applyFieldOverrides, createDataFrame, createTheme, FieldType, getFieldDisplayName, ScopedVars } from '@grafana/data';

import { templateSrv } from './services';
import { registerStandardFieldConfigs, standardFieldConfigs } from './standardFieldConfigs';

registerStandardFieldConfigs();

// CONSTRUCTED: one series as a Prometheus range query returns it (labels on the value field).
const frame = () =>
  createDataFrame({
    name: 'checkout errors/min',
    refId: 'A',
    fields: [
      { name: 'Time', type: FieldType.time, values: [1_000, 2_000] },
      { name: 'Value', type: FieldType.number, values: [12.345, 7], labels: { service: 'checkout', env: 'prod (eu)' } },
    ],
  });

/** The frame with the field config applied as the host applies it, links interpolated by the host's template service. */
function withConfig(defaults: object) {
  return applyFieldOverrides({
    data: [frame()],
    fieldConfig: { defaults, overrides: [] },
    replaceVariables: (v, scopedVars, format) => templateSrv.replace(v, scopedVars, format),
    theme: createTheme(),
    timeZone: 'utc',
  })[0];
}

const linkHref = (url: string, row = 0) =>
  withConfig({ unit: 'suffix: errors/min', decimals: 1, links: [{ title: 'go', url }] }).fields[1].getLinks!({ valueRowIndex: row })[0].href;

describe('the host template service fills data macros from a data link', () => {
  afterEach(() => templateSrv.setVariables([]));

  it.each([
    ['${__field.labels.service}', 'checkout'],
    ['${__field.name}', 'Value'],
    ['${__series.name}', 'checkout%20errors/min'],
    ['${__value.raw}', '12.345'],
    ['${__value.text}', '12.3'],
    ['${__value}', '12.3%20%20errors/min'],
    ['${__value.time}', '1000'],
    ['${__data.fields[1]}', '12.3  errors/min'],
  ])('%s becomes %s in the URL', (macro, expected) => {
    expect(linkHref(`/d/x?v=${macro}`)).toBe(`/d/x?v=${expected}`);
  });

  it('reads the row the link was asked for', () => {
    expect(linkHref('/d/x?v=${__value.raw}', 1)).toBe('/d/x?v=7');
  });

  it('leaves a label the field does not have empty, and all labels as a=b pairs', () => {
    expect(linkHref('/d/x?v=${__field.labels.region}')).toBe('/d/x?v=');
    expect(linkHref('/d/x?v=${__field.labels}')).toBe('/d/x?v=env="prod (eu)", service="checkout"');
  });

  it('leaves macros as written where there is no data to read them from', () => {
    expect(templateSrv.replace('${__field.labels.service} ${__value.raw} ${__series.name}')).toBe(
      '${__field.labels.service} ${__value.raw} ${__series.name}'
    );
  });

  it('lets a dashboard variable of the same name win over a macro, as Grafana does', () => {
    templateSrv.setVariables([{ name: '__series', type: 'constant', query: 'mine' }] as never);
    const scopedVars: ScopedVars = { __dataContext: { value: { data: [frame()], frame: frame(), field: frame().fields[1], rowIndex: 0 } } };
    expect(templateSrv.replace('${__series.name}', scopedVars)).toBe('mine');
  });

  it('encodes a variable in a data link as a URI (uriencode), as Grafana\'s getLinksSupplier asks', () => {
    templateSrv.setVariables([{ name: 'team', type: 'constant', query: 'a&b (c)' }] as never);
    expect(linkHref('/d/x?var-team=${team}')).toBe('/d/x?var-team=a&b%20%28c%29');
  });
});

describe('standard field options', () => {
  it('carry unit, decimals, bounds, display name and links onto a field', () => {
    const field = withConfig({ unit: 'percent', decimals: 2, min: 0, max: 50, displayName: 'Errors', links: [{ title: 't', url: '/x' }] }).fields[1];
    expect(field.config).toMatchObject({ unit: 'percent', decimals: 2, min: 0, max: 50, displayName: 'Errors' });
    expect(field.config.links).toHaveLength(1);
    expect(field.display!(12.345).text).toBe('12.35');
  });

  // Grafana's display name option expands variables (its settings' expandTemplateVars), with the
  // field's own scoped variables: a name per series from one override.
  it('fill variables and data macros in a display name, per series, and no other text option', () => {
    templateSrv.setVariables([{ name: 'env', type: 'constant', query: 'production' }] as never);
    const field = withConfig({ displayName: '${__field.labels.service} errors in $env', noValue: '$env' }).fields[1];
    templateSrv.setVariables([]);
    expect(getFieldDisplayName(field, frame())).toBe('checkout errors in production');
    expect(field.config.noValue).toBe('$env');
  });

  it('are the ones the running line names: without fieldMinMax and actions where @grafana/data has not got them', () => {
    const tenFour = ['unit', 'min', 'max', 'decimals', 'displayName', 'noValue', 'thresholds', 'mappings', 'links', 'color', 'filterable'];
    expect(standardFieldConfigs(tenFour).map((o) => o.id)).toEqual([
      'unit',
      'min',
      'max',
      'decimals',
      'displayName',
      'color',
      'noValue',
      'links',
      'mappings',
      'thresholds',
      'filterable',
    ]);
    expect(standardFieldConfigs().map((o) => o.id)).toContain('actions');
  });
});
