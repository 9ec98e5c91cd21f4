import { NOT_EVERY_SERIES } from '../../engine';
import { insufficientFix } from './insufficientFix';

describe('insufficientFix', () => {
  it('asks for a finer step only when the step is too coarse for the impact window, naming one that is finer', () => {
    // The default window is 30 minutes and needs 4 samples: 450 s at most.
    expect(insufficientFix(900_000)).toContain('read a finer step than 900 s (--step 450s or less gives 4 samples in the window)');
    const fine = insufficientFix(60_000);
    expect(fine).not.toContain('finer step');
    expect(fine).toContain('keep --step 60s (fine enough: 30 samples in the window)');
    expect(fine).toMatch(/--wait.*--query.*--fail-on roll_back/);
    // A step a fraction of a second too coarse is too coarse: 450.4 s gives 3 samples, not 4.
    expect(insufficientFix(450_400)).toContain('read a finer step than 450.4 s (--step 450s or less');
    expect(insufficientFix(450_020)).toContain('read a finer step than 450.02 s');
    expect(insufficientFix(1_250)).toContain('keep --step 1.25s');
  });

  it('points at the query alone when the engine named a series that does not cover the window', () => {
    const fix = insufficientFix(60_000, [`${NOT_EVERY_SERIES}: checkout errors stops 3 minutes after the deploy`]);
    expect(fix).not.toContain('--step');
    expect(fix).toContain('what to change in --query');
  });
});
