import { repeatValues } from './repeatValues';

describe('repeatValues', () => {
  it.each([
    ['each value of a multi-value variable, with its text', { current: { value: ['checkout', 'search'], text: ['Checkout', 'Search'] } }, [['checkout', 'Checkout'], ['search', 'Search']]],
    ['a single value', { current: { value: 'checkout', text: 'checkout' } }, [['checkout', 'checkout']]],
    ['every option of a custom variable at All, text : value pairs too', { type: 'custom', query: 'Checkout : checkout, search', current: { value: ['$__all'] } }, [['checkout', 'Checkout'], ['search', 'search']]],
    ['nothing for a variable with no value', { current: { value: '' } }, []],
  ])('%s', (_name, variable, expected) => {
    expect(repeatValues({ name: 'service', type: 'query', ...variable }).map((v) => [v.value, v.text])).toStrictEqual(expected);
  });
});
