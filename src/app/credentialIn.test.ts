import { credentialIn } from './credentialIn';

describe('credentialIn', () => {
  it.each([
    [{ headers: [{ name: 'X-Api-Key', value: 'abcd1234' }] }, 'headers.0'],
    [{ auth: { clientSecret: 'shh' } }, 'auth.clientSecret'],
    [{ url: 'https://u:p@h.example/q' }, 'url'],
    [{ nested: ['Basic dXNlcjpwYXNz'] }, 'nested.0'],
  ])('finds the credential in %j at %p', (query, where) => {
    expect(credentialIn(query)).toBe(where);
  });

  describe('edge cases', () => {
    it.each([
      [{ expr: 'sum(rate(token_errors_total{service="$service"}[5m]))' }],
      [{ tokenizer: 'standard', refId: 'A' }],
      [{ password: '' }],
      [{ url: 'https://metrics.example/q?service=$service' }],
      [{ scenarioId: 'random_walk', labels: 'service=$service', seriesCount: 1 }],
    ])('finds none in %j', (query) => {
      expect(credentialIn(query)).toBeNull();
    });
  });
});
