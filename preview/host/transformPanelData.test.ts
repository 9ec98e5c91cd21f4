import { dateTime, FieldType, LoadingState, PanelData, toDataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { registerStandardTransformers } from './standardTransformers';
import { transformPanelData } from './transformPanelData';

const T0 = Date.UTC(2026, 0, 5);
const range = { from: dateTime(T0), to: dateTime(T0 + 120_000), raw: { from: '', to: '' } };

function errors(refId: string, name: string, values: number[]) {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: values.map((_, i) => T0 + i * 60_000) },
      { name, type: FieldType.number, values },
    ],
  });
}

const data: PanelData = { state: LoadingState.Done, series: [errors('A', 'checkout errors', [1, 2]), errors('B', 'search errors', [10, 20])], timeRange: range };

describe('transformPanelData', () => {
  beforeAll(registerStandardTransformers);

  it("hands the panel what Grafana's own transformers make of the series: Series to rows, one long frame, newest row first", async () => {
    const out = await lastValueFrom(transformPanelData(data, [{ id: 'seriesToRows', options: {} }], (v) => v));
    expect(out.series).toHaveLength(1);
    expect(out.series[0].fields.map((f) => [f.name, Array.from(f.values)])).toStrictEqual([
      ['Time', [T0 + 60_000, T0 + 60_000, T0, T0]],
      ['Metric', ['checkout errors', 'search errors', 'checkout errors', 'search errors']],
      ['Value', [2, 20, 1, 10]],
    ]);
    expect(out.state).toBe(LoadingState.Done);
  });

  it('fills variables in transformation options with the request’s scoped variables', async () => {
    const asked: unknown[] = [];
    const request = { scopedVars: { service: { text: 'checkout', value: 'checkout' } } } as unknown as PanelData['request'];
    const out = await lastValueFrom(
      transformPanelData({ ...data, request }, [{ id: 'filterFieldsByName', options: { include: { pattern: '$service.*|Time' } } }], (v, scopedVars) => {
        asked.push(scopedVars);
        return v.replace('$service', 'checkout');
      })
    );
    expect(out.series.map((f) => f.fields.map((field) => field.name))).toStrictEqual([['Time', 'checkout errors'], ['Time']]);
    expect(asked[0]).toBe(request!.scopedVars);
  });

  describe('edge cases', () => {
    it('leaves the packet as it is without transformations', async () => {
      expect(await lastValueFrom(transformPanelData(data, [], (v) => v))).toBe(data);
      expect(await lastValueFrom(transformPanelData(data, undefined, (v) => v))).toBe(data);
    });
  });
});
