import { plotScales, plotScalesOfKey, scaleSourcesKey } from './plotScales';

describe('plotScales', () => {
  it('puts series of one unit on one scale and gives each further unit its own', () => {
    expect(plotScales([{ unit: 'percentunit', max: 1 }, { unit: 'reqps' }, { unit: 'percentunit' }])).toStrictEqual({
      scales: [
        { key: 'y', unit: 'percentunit', max: 1, first: 0 },
        { key: 'y-reqps', unit: 'reqps', first: 1 },
      ],
      seriesScale: ['y', 'y-reqps', 'y'],
    });
  });

  it('takes min and max from the first series of the unit that sets them', () => {
    const { scales } = plotScales([
      { unit: '', decimals: 2 },
      { unit: '', min: 5 },
      { unit: '', min: 2, max: 50 },
    ]);
    expect(scales).toStrictEqual([{ key: 'y', unit: '', decimals: 2, min: 5, max: 50, first: 0 }]);
  });

  it('reads back from its key the scales of the sources it was written from', () => {
    const sources = [{ unit: 'percentunit', decimals: 1, min: 0, max: 1 }, { unit: 'reqps' }];
    expect(plotScalesOfKey(scaleSourcesKey(sources))).toStrictEqual(plotScales(sources));
  });

  it('keys the same sources the same, and different bounds differently', () => {
    expect(scaleSourcesKey([{ unit: 'short' }])).toBe(scaleSourcesKey([{ unit: 'short', min: undefined }]));
    expect(scaleSourcesKey([{ unit: 'short' }])).not.toBe(scaleSourcesKey([{ unit: 'short', max: 10 }]));
  });

  describe('edge cases', () => {
    it('gives no scale to no series', () => {
      expect(plotScales([])).toStrictEqual({ scales: [], seriesScale: [] });
    });
  });
});
