import fc from 'fast-check';
import { cursorStep, movedIndex } from './plotKeyboard';

describe('movedIndex', () => {
  it('moves one step either way, and to either end with Home and End', () => {
    expect(movedIndex(5, 'ArrowRight', 1, 100)).toBe(6);
    expect(movedIndex(5, 'ArrowLeft', 1, 100)).toBe(4);
    expect(movedIndex(5, 'Home', 1, 100)).toBe(0);
    expect(movedIndex(5, 'End', 1, 100)).toBe(99);
  });

  it('starts at the newest sample when there is no cursor yet', () => {
    expect(movedIndex(null, 'ArrowLeft', 1, 100)).toBe(99);
    expect(movedIndex(undefined, 'ArrowRight', 1, 100)).toBe(99);
  });

  it('leaves other keys, and an empty plot, to others', () => {
    expect(movedIndex(5, 'Tab', 1, 100)).toBeNull();
    expect(movedIndex(5, 'Enter', 1, 100)).toBeNull();
    expect(movedIndex(null, 'ArrowRight', 1, 0)).toBeNull();
  });

  it('never leaves the series, and always moves toward the key unless at the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 9_999 }),
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom('ArrowLeft', 'ArrowRight'),
        (count, at, step, key) => {
          const idx = at % count;
          const next = movedIndex(idx, key, step, count)!;
          expect(next).toBeGreaterThanOrEqual(0);
          expect(next).toBeLessThan(count);
          if (key === 'ArrowRight') {
            expect(next === count - 1 || next === idx + step).toBe(true);
          } else {
            expect(next === 0 || next === idx - step).toBe(true);
          }
        }
      )
    );
  });
});

describe('cursorStep', () => {
  it('is one sample when the series is sparser than the plot is wide', () => {
    expect(cursorStep(100, 1000, false)).toBe(1);
    expect(cursorStep(100, 1000, true)).toBe(10);
  });

  it('moves at least a pixel on a dense series', () => {
    expect(cursorStep(100_000, 1000, false)).toBe(100);
    expect(cursorStep(100_001, 1000, false)).toBe(101);
    expect(cursorStep(100_000, 1000, true)).toBe(1000);
  });

  it('is one sample before the plot has a width', () => {
    expect(cursorStep(100_000, 0, false)).toBe(1);
  });
});
