import { createScrubber } from './createScrubber';

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

  it('leaves ordinary words alone when the secret is too short to be a token', () => {
    expect(createScrubber(['wrong'])('the token is missing, wrong or expired')).toBe('the token is missing, wrong or expired');
  });
});
