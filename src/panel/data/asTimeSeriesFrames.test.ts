import { createTheme, Field, FieldType, getFieldDisplayName, InterpolateFunction, toDataFrame } from '@grafana/data';

import { extractSeries } from '../../frames/extractSeries';
import { applyTransformations } from '../testing/applyTransformations';
import { asTimeSeriesFrames } from './asTimeSeriesFrames';
import { seriesDisplays } from './seriesDisplays';

const T0 = Date.UTC(2026, 0, 5);
const MINUTE = 60_000;

function errors(refId: string, name: string, values: number[]) {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: values.map((_, i) => T0 + i * MINUTE) },
      { name, type: FieldType.number, values },
    ],
  });
}

describe('asTimeSeriesFrames', () => {
  it('splits what "Series to rows" made back into one series per metric, oldest sample first', async () => {
    const frames = await applyTransformations([errors('A', 'checkout errors', [1, 2, 3]), errors('B', 'search errors', [10, 20, 30])], [{ id: 'seriesToRows', options: {} }]);
    expect(frames).toHaveLength(1);
    const series = extractSeries(asTimeSeriesFrames(frames));
    expect(series.map((s) => [s.name, s.times, s.values])).toStrictEqual([
      ['checkout errors', [T0, T0 + MINUTE, T0 + 2 * MINUTE], [1, 2, 3]],
      ['search errors', [T0, T0 + MINUTE, T0 + 2 * MINUTE], [10, 20, 30]],
    ]);
  });

  it("turns a long frame's string fields into labels, several of them too", () => {
    const long = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'time', type: FieldType.time, values: [T0, T0, T0 + MINUTE, T0 + MINUTE] },
        { name: 'service', type: FieldType.string, values: ['checkout', 'search', 'checkout', 'search'] },
        { name: 'region', type: FieldType.string, values: ['eu', 'eu', 'eu', 'eu'] },
        { name: 'errors', type: FieldType.number, values: [1, 10, 2, 20] },
      ],
    });
    const frames = asTimeSeriesFrames([long]);
    expect(frames.map((f) => f.fields[1].labels)).toStrictEqual([
      { service: 'checkout', region: 'eu' },
      { service: 'search', region: 'eu' },
    ]);
    expect(frames.map((f) => getFieldDisplayName(f.fields[1], f, frames))).toStrictEqual(['errors {region="eu", service="checkout"}', 'errors {region="eu", service="search"}']);
    // The service a series measures is read from its labels, as for any labelled series.
    expect(extractSeries(frames).map((s) => [s.service, s.values])).toStrictEqual([
      ['checkout', [1, 2]],
      ['search', [10, 20]],
    ]);
  });

  it('sorts a frame whose times go back, and its data links follow the rows', async () => {
    const [frame] = await applyTransformations([errors('A', 'errors', [1, 2, 3])], [{ id: 'sortBy', options: { sort: [{ field: 'Time', desc: true }] } }]);
    frame.fields[1].config.links = [{ title: 'At', url: 'https://grafana.example.com/d/x?v=${__value.raw}' }];
    // What Grafana attached for the frame as it came: links bound to its own row numbers.
    frame.fields[1].getLinks = ({ valueRowIndex = 0 }) => [{ href: `https://grafana.example.com/d/x?v=${frame.fields[1].values[valueRowIndex]}`, title: 'At', target: '_blank', origin: frame.fields[1] }];
    const frames = asTimeSeriesFrames([frame]);
    expect(extractSeries(frames)[0].values).toStrictEqual([1, 2, 3]);
    // Fills ${__value.raw} from the link's data context, as Grafana's template service does (its dataMacros).
    const replaceVariables: InterpolateFunction = (text, scopedVars) => {
      const context = scopedVars?.__dataContext?.value as { field: Field; rowIndex: number } | undefined;
      return context ? text.replace('${__value.raw}', String(context.field.values[context.rowIndex])) : text;
    };
    const [display] = seriesDisplays(frames, createTheme(), replaceVariables).values();
    // Row 0 is now the oldest sample, whose value is 1.
    expect(display.links(0).map((l) => l.href)).toStrictEqual(['https://grafana.example.com/d/x?v=1']);
  });

  edgeCases();
});

function edgeCases() {
  describe('edge cases', () => {
    it('returns the same array when every frame is already in shape, and leaves event frames alone', () => {
      const events = toDataFrame({
        fields: [
          { name: 'time', type: FieldType.time, values: [T0 + MINUTE, T0] },
          { name: 'title', type: FieldType.string, values: ['Deploy v2', 'Deploy v1'] },
        ],
      });
      const frames = [errors('A', 'errors', [1, 2]), events];
      expect(asTimeSeriesFrames(frames)).toBe(frames);
    });

    it('leaves a frame without numbers or without a time alone', () => {
      const text = toDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [T0 + MINUTE, T0] }, { name: 'note', type: FieldType.string, values: ['b', 'a'] }] });
      const table = toDataFrame({ fields: [{ name: 'service', type: FieldType.string, values: ['b', 'a'] }, { name: 'n', type: FieldType.number, values: [2, 1] }] });
      const frames = [text, table];
      expect(asTimeSeriesFrames(frames)).toBe(frames);
    });
  });
}
