import { applyFieldOverrides, createTheme, DataFrame, Field, FieldConfigSource, FieldType, ScopedVars, toDataFrame } from '@grafana/data';

import { extractSeries } from '../../frames/extractSeries';
import { plugin } from '../module';
import { registerStandardFieldConfigs } from '../testing/registerStandardFieldConfigs';
import { axisFormat, isSafeLinkHref, NO_VALUE, PLAIN_DISPLAY, seriesDisplays } from './seriesDisplays';

registerStandardFieldConfigs();

const theme = createTheme();
/**
 * CONSTRUCTED: the two data link macros the tests use, as Grafana's template service reads
 * them from the `__dataContext` that getLinksSupplier passes (the series' field and the row).
 */
function replaceVariables(text: string, scopedVars?: ScopedVars): string {
  const context = scopedVars?.__dataContext?.value as { field: Field; rowIndex?: number } | undefined;
  if (!context) {
    return text;
  }
  return text
    .replace(/\$\{__field\.labels\.(\w+)\}/g, (_, label: string) => context.field.labels?.[label] ?? '')
    .replace(/\$\{__value\.raw\}/g, () => String(context.field.values[context.rowIndex ?? 0]));
}

/** An error ratio per minute for checkout, as a Prometheus query of errors / requests returns it (CONSTRUCTED). */
function ratioFrame(): DataFrame {
  return toDataFrame({
    refId: 'A',
    fields: [
      { name: 'time', type: FieldType.time, values: [60_000, 120_000, 180_000] },
      { name: 'errors', type: FieldType.number, values: [0.013, null, 0.052], labels: { service: 'checkout' } },
    ],
  });
}

/** The frames as Grafana hands them to the panel: the panel's field config applied with its own registry. */
function applied(fieldConfig: FieldConfigSource, frames = [ratioFrame()]): DataFrame[] {
  return applyFieldOverrides({ data: frames, fieldConfig, replaceVariables, theme, timeZone: 'utc', fieldConfigRegistry: plugin.fieldConfigRegistry });
}

function displayOfOnly(frames: DataFrame[]) {
  const [series] = extractSeries(frames);
  const display = seriesDisplays(frames, theme, replaceVariables).get(series.id);
  if (!display) {
    throw new Error(`no display for ${series.id}`);
  }
  return display;
}

describe('seriesDisplays', () => {
  it('reads an error ratio with unit percentunit as a percentage, not a fraction', () => {
    const display = displayOfOnly(applied({ defaults: { unit: 'percentunit', decimals: 1 }, overrides: [] }));
    expect(display.format(0.013)).toBe('1.3%');
    expect(display.unit).toBe('percentunit');
  });

  it('takes an override on one series over the defaults', () => {
    const frames = applied({
      defaults: { unit: 'short' },
      overrides: [{ matcher: { id: 'byName', options: 'errors' }, properties: [{ id: 'unit', value: 'percentunit' }, { id: 'max', value: 0.1 }] }],
    });
    const display = displayOfOnly(frames);
    expect(display.unit).toBe('percentunit');
    expect(display.max).toBe(0.1);
  });

  it('finds the series under its display name', () => {
    const frames = applied({ defaults: { displayName: 'Checkout error ratio', unit: 'percentunit' }, overrides: [] });
    const [series] = extractSeries(frames);
    expect(series.name).toBe('Checkout error ratio');
    expect(seriesDisplays(frames, theme, replaceVariables).get(series.id)?.unit).toBe('percentunit');
  });

  it('gives min and max as the y axis bounds', () => {
    const display = displayOfOnly(applied({ defaults: { min: 0, max: 0.2 }, overrides: [] }));
    expect([display.min, display.max]).toStrictEqual([0, 0.2]);
  });

  it('writes a missing value as the "No value" text, or a dash without one', () => {
    expect(displayOfOnly(applied({ defaults: { noValue: 'no data' }, overrides: [] })).format(null)).toBe('no data');
    expect(displayOfOnly(applied({ defaults: {}, overrides: [] })).format(undefined)).toBe(NO_VALUE);
  });

  it("interpolates a series' data link with that series' labels and the row's value", () => {
    const frames = applied({
      defaults: { links: [{ title: 'Runbook', url: 'https://runbook.example/${__field.labels.service}?value=${__value.raw}' }] },
      overrides: [],
    });
    const links = displayOfOnly(frames).links(2);
    expect(links.map((l) => [l.title, l.href])).toStrictEqual([['Runbook', 'https://runbook.example/checkout?value=0.052']]);
  });

  it('reads the links from the config itself when the field arrives without getLinks', () => {
    const frame = ratioFrame();
    frame.fields[1].config = { links: [{ title: 'Service', url: '/d/service?var-service=${__field.labels.service}' }] };
    expect(displayOfOnly([frame]).links(0).map((l) => l.href)).toStrictEqual(['/d/service?var-service=checkout']);
  });

  it('formats with the field config when the field arrives without a display processor', () => {
    const frame = ratioFrame();
    frame.fields[1].config = { unit: 'percentunit', decimals: 1 };
    expect(displayOfOnly([frame]).format(0.013)).toBe('1.3%');
  });

  describe('edge cases', () => {
    it('drops a data link whose URL is a script', () => {
      const frames = applied({ defaults: { links: [{ title: 'Bad', url: 'javascript:alert(1)' }, { title: 'Good', url: 'https://ok.example' }] }, overrides: [] });
      expect(displayOfOnly(frames).links(0).map((l) => l.title)).toStrictEqual(['Good']);
    });

    it('gives no display to frames without numbers, and plain numbers to series it does not know', () => {
      const text = toDataFrame({ fields: [{ name: 'msg', type: FieldType.string, values: ['a'] }] });
      expect(seriesDisplays([text], theme, replaceVariables).size).toBe(0);
      expect(PLAIN_DISPLAY.format(0.0131234)).toBe('0.0131');
      expect(PLAIN_DISPLAY.links(0)).toStrictEqual([]);
    });
  });
});

describe('axisFormat', () => {
  it('formats ticks in the unit', () => {
    expect(axisFormat('percentunit', 0, theme)(0.05)).toBe('5%');
    expect(axisFormat('', undefined, theme)(12)).toBe('12');
  });
});

describe('isSafeLinkHref', () => {
  it.each([
    ['https://ci.example/run/1', true],
    ['http://runbook.local/x', true],
    ['/d/abc?var-service=checkout', true],
    ['//evil.example/x', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['not a url', false],
  ])('%s → %s', (href, safe) => {
    expect(isSafeLinkHref(href)).toBe(safe);
  });
});
