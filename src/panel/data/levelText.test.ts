import { scoreEvents, SeriesImpact } from '../../engine';
import { stepSeries } from '../testing/stepSeries';
import { levelText } from './levelText';

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

function scoredStep(base: number, after: number) {
  const { times, values, deployAt } = stepSeries(base, after);
  return scoreEvents([{ id: 'ratio', name: 'checkout error ratio', times, values }], [{ time: deployAt, id: 'deploy' }])[0];
}

describe('levelText', () => {
  it("gives the main series' level before and after the event in that series' unit", () => {
    const impact = scoredStep(0.01, 0.05);
    expect(impact.moved).toStrictEqual(['ratio']);
    expect(levelText(impact, (id) => (id === 'ratio' ? percent : String))).toMatch(/^1\.0% → 5\.0%$/);
  });

  it('names the harmful series that scored highest, not the first one', () => {
    const impact = scoredStep(0.01, 0.05);
    const [main] = impact.series;
    const calm: SeriesImpact = { ...main, seriesId: 'calm', score: 0, baseline: { ...main.baseline!, mean: 7 }, impact: { ...main.impact!, mean: 7 } };
    const text = levelText({ ...impact, series: [calm, main] }, (id) => (id === 'ratio' ? percent : (v) => `${v} calm`));
    expect(text).toMatch(/^1\.0% → 5\.0%$/);
  });

  it('reads an error ratio made from two counts as a share, whatever the counts’ unit', () => {
    const impact = scoredStep(0.01, 0.05);
    const [main] = impact.series;
    const paired = { ...impact, series: [{ ...main, traffic: { errors: 5, requests: 1 } }] };
    expect(levelText(paired, () => (v) => `${v} errors/min`)).toMatch(/^0\.99\d*% → 4\.99\d*%$/);
  });

  describe('edge cases', () => {
    it('is empty when no series was judged', () => {
      expect(levelText({ ...scoredStep(0.01, 0.05), series: [] }, () => String)).toBe('');
    });
  });
});
