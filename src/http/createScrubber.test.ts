import fc from 'fast-check';

import { createRedactor, createScrubber, MIN_SECRET_LENGTH, MIN_STANDALONE_SECRET_LENGTH } from './createScrubber';
import { cutScrubbed } from './cutScrubbed';

const SECRET = 'ghx-0123456789abcdefSECRET';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('createScrubber', () => {
  it.each([
    ['raw', `token ${SECRET} is not valid`],
    ['URL-encoded', `Authorization=Bearer%20${encodeURIComponent(SECRET + '/+')}`],
    ['base64', `echo ${b64(SECRET)}`],
    ['base64url without padding', `echo ${b64(SECRET).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`],
  ])('removes the configured secret in its %s form', (_form, message) => {
    const scrub = createScrubber([SECRET + '/+', SECRET]);
    expect(scrub(message)).toContain('[redacted]');
    expect(scrub(message)).not.toMatch(/0123456789abcdef/);
    expect(scrub(message)).not.toContain(b64(SECRET).slice(0, 16));
  });

  it('removes the password of basic credentials alone, the pair, and the base64 of the pair', () => {
    const scrub = createScrubber(['admin:11aa22bb33cc44dd55ee']);
    expect(scrub(`user admin:11aa22bb33cc44dd55ee, header ${b64('admin:11aa22bb33cc44dd55ee')}, password 11aa22bb33cc44dd55ee`)).toBe(
      'user [redacted], header [redacted], password [redacted]'
    );
  });

  it('keeps credentials and known token shapes out without knowing the secret', () => {
    expect(createScrubber()('https://user:hunter2@ci.example.com failed with Bearer abc.def and ghp_abcdefghijklmnop1234')).toBe(
      'https://ci.example.com failed with Bearer [redacted] and [redacted]'
    );
  });

  it('removes escape sequences, C0 and C1 controls and bidi controls, and keeps the text one line', () => {
    expect(createScrubber()('a\u001b[31mred\u001b[0m\u0007 b\u001b]0;title\u0007c \u202eevil\u202c \u2066x\u2069\u0085\r\nnext')).toBe('ared bc evil x next');
  });

  it('removes the JSON-escaped form of a token holding a quote or a backslash, as JSON output prints it', () => {
    const token = 'ab"cd\\ef0123456789';
    const printed = JSON.stringify({ title: `deploy by ${token}` });
    expect(createRedactor([token])(printed)).toBe('{"title":"deploy by [redacted]"}');
  });

  describe('short secrets', () => {
    it('removes a secret shorter than 8 characters where it stands alone, and the password of user:password', () => {
      const scrub = createScrubber(['alice:abc1234']);
      expect(scrub('login alice:abc1234 refused; password abc1234 is wrong, "abc1234"')).toBe('login [redacted] refused; password [redacted] is wrong, "[redacted]"');
    });

    it('keeps a short secret inside a longer word, where it may be part of an ordinary word', () => {
      expect(createScrubber(['wrong'])('the token is missing, wrong or expired; wrongly typed')).toBe('the token is missing, [redacted] or expired; wrongly typed');
    });

    it('leaves short secrets alone in an answer to be parsed, where a numeric password could be a number of the payload', () => {
      const answer = '{"number": 1234567, "by": "alice:1234567 ghx-0123456789"}';
      expect(createRedactor(['alice:1234567', 'ghx-0123456789'], { short: false })(answer)).toBe('{"number": 1234567, "by": "[redacted] [redacted]"}');
    });

    it('does not search for a secret shorter than the minimum at all', () => {
      const tooShort = 'x'.repeat(MIN_STANDALONE_SECRET_LENGTH - 1);
      expect(createScrubber([tooShort])(`a ${tooShort} b`)).toBe(`a ${tooShort} b`);
    });
  });
});

/** Any 6-character piece of `secret` found in `text`. */
function fragmentIn(text: string, secret: string): string | null {
  for (let i = 0; i + FRAGMENT <= secret.length; i++) {
    if (text.includes(secret.slice(i, i + FRAGMENT))) {
      return secret.slice(i, i + FRAGMENT);
    }
  }
  return null;
}
const FRAGMENT = 6;

describe('no fragment of a held secret survives (property)', () => {
  // Secrets from one alphabet, the text around them from another that no encoding below
  // changes, so a 6-character piece of the secret in the output can only come from the secret.
  const secretChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"\\/+=:_-'.split(''));
  const textChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz.!()'.split(''));
  const around = fc.string({ unit: textChars, maxLength: 30 });
  const forms: Record<string, (text: string) => string> = {
    raw: (text) => text,
    'JSON-escaped': (text) => JSON.stringify({ message: text }),
    'URL-encoded': (text) => encodeURIComponent(text),
    'URL-encoded in lower case': (text) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
  };

  it.each(Object.keys(forms))('%s: scrubbed, redacted, and scrubbed then cut at any length', (form) => {
    fc.assert(
      fc.property(fc.string({ unit: secretChars, minLength: MIN_SECRET_LENGTH, maxLength: 48 }), around, around, fc.nat(200), (secret, before, after, cut) => {
        const text = forms[form](`${before}${secret}${after}`);
        for (const out of [createScrubber([secret])(text), createRedactor([secret])(text), cutScrubbed(text, cut, createScrubber([secret]))]) {
          expect(fragmentIn(out, secret)).toBeNull();
          expect(fragmentIn(out, JSON.stringify(secret).slice(1, -1))).toBeNull();
        }
      }),
      { seed: 33, numRuns: 300 }
    );
  });

  it('a short secret standing alone leaves no fragment either', () => {
    const separators = fc.constantFrom(' ', '.', '(', ')', '!');
    fc.assert(
      fc.property(fc.string({ unit: secretChars, minLength: FRAGMENT, maxLength: MIN_SECRET_LENGTH - 1 }), around, around, separators, separators, (secret, before, after, left, right) => {
        fc.pre(/^[\p{L}\p{N}]/u.test(secret) && /[\p{L}\p{N}]$/u.test(secret));
        const out = createScrubber([secret])(`${before}${left}${secret}${right}${after}`);
        expect(out).not.toContain(secret);
      }),
      { seed: 33, numRuns: 300 }
    );
  });
});
