import fc from 'fast-check';
import { applyFieldOverrides, createTheme, DataLink, FieldConfigSource, FieldType, toDataFrame } from '@grafana/data';

import { scoreEvents, Verdict } from '../../engine';
import { judgedSeries } from '../../frames/extractSeries';
import { plugin } from '../module';
import { registerStandardFieldConfigs } from '../testing/registerStandardFieldConfigs';
import { stepSeries } from '../testing/stepSeries';

registerStandardFieldConfigs();

// Display options shape what the panel shows, never what it judges: the engine reads raw values.

const theme = createTheme();
const { times, values, deployAt } = stepSeries(0.01, 0.03);
const frame = toDataFrame({
  refId: 'A',
  fields: [
    { name: 'time', type: FieldType.time, values: times },
    { name: 'checkout errors', type: FieldType.number, values, labels: { service: 'checkout' } },
  ],
});

function judged(fieldConfig: FieldConfigSource) {
  const frames = applyFieldOverrides({ data: [frame], fieldConfig, replaceVariables: (v) => v, theme, timeZone: 'utc', fieldConfigRegistry: plugin.fieldConfigRegistry });
  // As the starter dashboard picks its error series: by a part of the name.
  const series = judgedSeries(frames, { seriesMatch: 'errors' });
  const [impact] = scoreEvents(series, [{ time: deployAt, id: 'deploy' }]);
  return { series: series.map((s) => ({ times: s.times, values: s.values })), score: impact.score, verdict: impact.verdict };
}

const displayOptionsArb = fc.record(
  {
    unit: fc.constantFrom('percentunit', 'percent', 'short', 'reqps', 'none', 'suffix: errors'),
    decimals: fc.integer({ min: 0, max: 6 }),
    min: fc.double({ min: -1, max: 0, noNaN: true }),
    max: fc.double({ min: 0.001, max: 100, noNaN: true }),
    noValue: fc.string({ maxLength: 8 }),
    // A name without "errors" would drop the series if the filter matched display names.
    displayName: fc.constantFrom('Checkout 5xx/s', 'Checkout errors (panel override)', '${__field.labels.service}'),
    links: fc.constant<DataLink[]>([{ title: 'Runbook', url: 'https://runbook.example/${__field.labels.service}' }]),
  },
  { requiredKeys: [] }
);

describe('display options on real engine results', () => {
  const plain = judged({ defaults: {}, overrides: [] });

  it('a unit, decimals, min, max, display name, no-value text or data links change no series value, score or verdict', () => {
    fc.assert(
      fc.property(displayOptionsArb, fc.boolean(), (options, asOverride) => {
        const fieldConfig: FieldConfigSource = asOverride
          ? { defaults: {}, overrides: [{ matcher: { id: 'byName', options: 'checkout errors' }, properties: Object.entries(options).map(([id, value]) => ({ id, value })) }] }
          : { defaults: options, overrides: [] };
        expect(judged(fieldConfig)).toStrictEqual(plain);
      }),
      { numRuns: 25 }
    );
  });

  it('judges the step as harmful to begin with, so an unchanged verdict means something', () => {
    expect(plain.score).toBeGreaterThan(0);
    expect(plain.verdict).not.toBe(Verdict.Healthy);
  });
});
