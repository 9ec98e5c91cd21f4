import { createDataFrame, FieldType } from '@grafana/data';

import { judgedSeries, judgeInputs } from './extractSeries';

// CONSTRUCTED: frames as a Prometheus query `sum by (service, version) (...)` returns them,
// one frame per series with the labels on the value field.
function frame(refId: string, name: string, labels: Record<string, string>, values: number[]) {
  return createDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: values.map((_, i) => i * 60_000) },
      { name, type: FieldType.number, values, labels, config: { displayNameFromDS: `${name} ${labels.service} ${labels.version}` } },
    ],
  });
}

const frames = [
  frame('A', 'errors', { service: 'checkout', version: 'v1' }, [1, 2]),
  frame('A', 'errors', { service: 'checkout', version: 'v2' }, [3, 4]),
  frame('B', 'requests', { service: 'checkout', version: 'v1' }, [100, 100]),
  frame('B', 'requests', { service: 'checkout', version: 'v2' }, [50, 50]),
];

describe('judgedSeries', () => {
  it('pairs each error series with the requests of the same service and version', () => {
    const series = judgedSeries(frames, { seriesMatch: 'errors', requestsMatch: 'requests', versionLabel: 'version' });
    expect(series.map((s) => [s.name, s.version, s.total?.values])).toStrictEqual([
      ['errors checkout v1', 'v1', [100, 100]],
      ['errors checkout v2', 'v2', [50, 50]],
    ]);
  });

  // Regression: the filters matched the display name, so renaming a series for show changed what was judged.
  it("matches Error series and Requests series on the data source's names, not on a Display name override", () => {
    const renamed = frames.map((f) => ({
      ...f,
      fields: f.fields.map((field) => (field.type === FieldType.number ? { ...field, state: undefined, config: { ...field.config, displayName: `${field.name === 'errors' ? 'requests' : 'errors'} (renamed)` } } : field)),
    }));
    const series = judgedSeries(renamed, { seriesMatch: 'errors', requestsMatch: 'requests', versionLabel: 'version' });
    expect(series.map((s) => [s.name, s.version, s.values, s.total?.values])).toStrictEqual([
      ['requests (renamed)', 'v1', [1, 2], [100, 100]],
      ['requests (renamed)', 'v2', [3, 4], [50, 50]],
    ]);
  });

  // Regression: with the g flag one RegExp kept its position between names, and every other matching series was left out.
  it('matches every series a /regex/ with g or y flags names', () => {
    for (const flags of ['gi', 'y', 'gy']) {
      const series = judgedSeries(frames, { seriesMatch: `/ERRORS/${flags.includes('i') ? flags : `${flags}i`}`, requestsMatch: 'requests', versionLabel: 'version' });
      expect(series.map((s) => s.version)).toStrictEqual(['v1', 'v2']);
    }
  });

  it('leaves the requests out of the error series when Error series matches everything', () => {
    const series = judgedSeries(frames, { seriesMatch: '', requestsMatch: 'requests', versionLabel: 'version' });
    expect(series.map((s) => s.name)).toStrictEqual(['errors checkout v1', 'errors checkout v2']);
  });

  it('judges counts, with versions, when no Requests series is set', () => {
    const series = judgedSeries(frames, { seriesMatch: 'errors', requestsMatch: '', versionLabel: 'version' });
    expect(series.map((s) => [s.version, s.total])).toStrictEqual([
      ['v1', undefined],
      ['v2', undefined],
    ]);
  });

  it('reads the version from the first label named that the series has', () => {
    const tagged = [frame('A', 'errors', { service: 'checkout', image_tag: '1.4.2' }, [1, 2])];
    expect(judgedSeries(tagged, { seriesMatch: '', versionLabel: 'version, image_tag' })[0].version).toBe('1.4.2');
  });
});

describe('judgeInputs', () => {
  it('names the error series that found no requests of their service and version, judged as counts', () => {
    const search = frame('A', 'errors', { service: 'search', version: 'v7' }, [5, 6]);
    const { series, asCounts } = judgeInputs([...frames, search], { seriesMatch: 'errors', requestsMatch: 'requests', versionLabel: 'version' });
    expect(series.map((s) => [s.name, s.total !== undefined])).toStrictEqual([
      ['errors checkout v1', true],
      ['errors checkout v2', true],
      ['errors search v7', false],
    ]);
    expect(asCounts).toStrictEqual(['errors search v7']);
  });

  it('sums requests split by instance for one error series, and names the error series left as counts when both sides are split', () => {
    // CONSTRUCTED: `sum by (service, instance)` frames; the display names carry the instance in place of a version.
    const byInstance = (refId: string, name: string, instance: string, values: number[]) => frame(refId, name, { service: 'checkout', version: instance }, values);
    const requests = [byInstance('B', 'requests', 'a', [60, 60]), byInstance('B', 'requests', 'b', [40, 40])];
    const one = judgeInputs([frame('A', 'errors', { service: 'checkout' }, [1, 2]), ...requests], { seriesMatch: 'errors', requestsMatch: 'requests' });
    expect([one.series[0].total?.values, one.asCounts, one.ambiguous]).toStrictEqual([[100, 100], [], []]);
    const split = judgeInputs([byInstance('A', 'errors', 'a', [1, 1]), byInstance('A', 'errors', 'b', [1, 1]), ...requests], { seriesMatch: 'errors', requestsMatch: 'requests' });
    expect([split.series.map((s) => s.total), split.asCounts, split.ambiguous]).toStrictEqual([[undefined, undefined], [], ['errors checkout a', 'errors checkout b']]);
  });

  it('names none when every series has its requests, or when there are no requests at all (said once elsewhere)', () => {
    expect(judgeInputs(frames, { seriesMatch: 'errors', requestsMatch: 'requests', versionLabel: 'version' }).asCounts).toStrictEqual([]);
    expect(judgeInputs(frames.slice(0, 2), { seriesMatch: 'errors', requestsMatch: 'requests', versionLabel: 'version' }).asCounts).toStrictEqual([]);
  });
});
