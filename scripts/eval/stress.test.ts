import { seededRandom } from '../../preview/demo/scenario.mjs';
import { median } from './injected.mjs';
import { BACKGROUNDS, stressCases, stressLines } from './stress.mjs';

describe('stressCases', () => {
  const seed = 7;
  const cases = stressCases(seed, { effects: 3, nulls: 1 });

  it('injects each step at (factor − 1) times the median of the 6 samples before the deploy, as its section says', () => {
    let checked = 0;
    cases.forEach(
      (c: { background: string; harmful: boolean; factor: number; at: number; values: Float64Array }, n: number) => {
        // The same background again, from the case's own seed (one per case, in order).
        const background = (BACKGROUNDS as Record<string, (r: () => number) => Float64Array>)[c.background](
          seededRandom(seed * 7919 + n)
        );
        const height = (c.factor - 1) * median(Array.from(background.slice(c.at - 6, c.at)));
        expect(c.values[c.at] - background[c.at]).toBeCloseTo(height, 9);
        expect(c.values[c.at - 1]).toBe(background[c.at - 1]);
        checked += c.harmful ? 1 : 0;
      }
    );
    expect(checked).toBe(15);
    expect(stressLines({}, '').join('\n')).toContain(
      'the median of the 6 samples (30 minutes) before the deploy, not 8'
    );
  });
});
