import { createRedactor } from '../http/createScrubber';
import { redactJsonStrings } from './redactJsonStrings';

describe('redactJsonStrings', () => {
  it.each(['null', 'true', 'false', 'time', 'tags'])('leaves JSON syntax and keys alone for a short secret "%s", and removes it from values', (secret) => {
    const value = { time: 1, timeEnd: null, ok: true, no: false, tags: ['x'], title: `deploy ${secret}`, text: secret };
    const out = JSON.parse(redactJsonStrings(JSON.stringify(value, null, 2), createRedactor([secret])));
    expect(out).toStrictEqual({ ...value, title: 'deploy [redacted]', text: '[redacted]' });
  });

  it('removes a long secret wherever it stands in a string, escaped as JSON writes it', () => {
    const secret = 'ghp_"quoted"\\tok3n1234';
    const text = JSON.stringify({ title: `token ${secret} leaked`, url: `https://x.test/?t=${encodeURIComponent(secret)}` });
    const out = redactJsonStrings(text, createRedactor([secret]));
    expect(JSON.parse(out)).toStrictEqual({ title: 'token [redacted] leaked', url: 'https://x.test/?t=[redacted]' });
  });

  describe('edge cases', () => {
    it('reads a fragment of a list (one item of jsonArrayChunks) as well as a whole value', () => {
      expect(redactJsonStrings('  {\n    "a": "s3cr3t"\n  },\n', createRedactor(['s3cr3t']))).toBe('  {\n    "a": "[redacted]"\n  },\n');
    });
  });
});
