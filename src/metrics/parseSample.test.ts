import { parseSampleTime, parseSampleValue } from './parseSample';

describe('parseSampleValue', () => {
  it.each([
    ['1', 1],
    ['-0.25', -0.25],
    ['1e+06', 1e6],
    ['.5', 0.5],
    ['NaN', NaN],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['Inf', Infinity],
  ])('reads %j as Prometheus writes it', (text, expected) => {
    expect(parseSampleValue(text)).toBe(expected);
  });

  it.each([[''], ['  '], ['0x10'], ['1_000'], ['1,5'], [' 1'], ['Infinity'], ['constructor'], [1], [null], [true], [[]]])('refuses %j, which is not a sample', (value) => {
    expect(parseSampleValue(value)).toBeNull();
  });
});

describe('parseSampleTime', () => {
  it('reads seconds, fractional ones too, as epoch ms', () => {
    expect(parseSampleTime(1767571200.5)).toBe(1767571200500);
  });

  it.each([[null], [''], [true], [[]], ['0x10'], ['1767571200'], [Infinity], [-1]])('refuses %j, which is not a time', (value) => {
    expect(parseSampleTime(value)).toBeNull();
  });
});
