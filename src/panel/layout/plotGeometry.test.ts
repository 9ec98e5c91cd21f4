import { plotGeometry, sameGeometry, toX } from './plotGeometry';

describe('plotGeometry', () => {
  it('turns the canvas box into CSS px by the pixel ratio and keeps the span', () => {
    expect(plotGeometry({ left: 100, top: 20, width: 1600, height: 600 }, 2, 0, 3_600_000)).toStrictEqual({
      left: 50,
      top: 10,
      width: 800,
      height: 300,
      min: 0,
      max: 3_600_000,
    });
  });

  describe('edge cases', () => {
    it.each([0, -1, NaN, Infinity])('takes a pixel ratio of %p as 1', (ratio) => {
      expect(plotGeometry({ left: 10, top: 4, width: 200, height: 100 }, ratio, 0, 1).width).toBe(200);
    });
  });
});

describe('sameGeometry', () => {
  const g = { left: 1, top: 2, width: 3, height: 4, min: 5, max: 6 };

  it('is true for equal geometries and false for none or any difference', () => {
    expect(sameGeometry({ ...g }, g)).toBe(true);
    expect(sameGeometry(null, g)).toBe(false);
    expect(sameGeometry({ ...g, max: 7 }, g)).toBe(false);
    expect(sameGeometry({ ...g, width: 9 }, g)).toBe(false);
  });
});

describe('toX', () => {
  const geometry = { left: 50, top: 0, width: 800, height: 300, min: 1_000, max: 2_000 };

  it('maps the span linearly onto the plot width from its left edge', () => {
    expect(toX(geometry, 1_000)).toBe(50);
    expect(toX(geometry, 1_500)).toBe(450);
    expect(toX(geometry, 2_000)).toBe(850);
  });

  describe('edge cases', () => {
    it('stays finite when the span is empty', () => {
      expect(toX({ ...geometry, max: 1_000 }, 1_001)).toBe(850);
    });
  });
});
