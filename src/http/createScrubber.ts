/** A function that makes text safe to show: no secret, no credentials, no control characters. */
export type Scrubber = (text: string) => string;

/**
 * Secrets shorter than this are not searched for: they would blank out ordinary words
 * ("wrong"). Real API tokens are 20 characters or more.
 */
const MIN_SECRET_LENGTH = 8;

/** Token shapes we know even when the secret itself is not known (in the browser, Grafana keeps it). */
const TOKEN_SHAPES = [
  /\b(gh[pousr]_[A-Za-z0-9]{10,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{10,}|glptt-[A-Za-z0-9_-]{10,})\b/g,
  // JSON Web Tokens (Argo CD, CDEvents brokers): three base64url parts, the first two JSON.
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
];

// Terminal escape sequences (CSI and OSC) first, so their parameters go with them.
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 and C1 controls, DEL, and the bidi controls that reorder what a terminal shows
// (U+061C, U+200E/F, U+202A-202E, U+2066-2069).
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function base64(text: string): string[] {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  const standard = btoa(binary);
  const unpadded = standard.replace(/=+$/, '');
  return [standard, unpadded, unpadded.replace(/\+/g, '-').replace(/\//g, '_')];
}

/** Every form a secret may take in an echoed error: raw, URL-encoded, base64, and for `user:pass` the password. */
function secretForms(secret: string): string[] {
  const forms = new Set<string>();
  const add = (value: string) => {
    const plain = [value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+')];
    for (const form of [...plain, ...base64(value)]) {
      if (form.length >= MIN_SECRET_LENGTH) {
        forms.add(form);
      }
    }
  };
  add(secret);
  const colon = secret.indexOf(':');
  if (colon > 0) {
    // Basic credentials `user:pass`: the password alone is as secret as the pair.
    add(secret.slice(colon + 1));
  }
  // Longest first, so a form is removed whole before a shorter form inside it is looked for.
  return Array.from(forms).sort((a, b) => b.length - a.length);
}

/**
 * The one scrubber every message passes through before anyone sees it: removes the given
 * secrets (raw, URL-encoded, base64 and base64url, and for basic credentials `user:pass` the
 * password and the base64 of the pair), credentials in URLs, known token shapes and the
 * value after `Bearer`, `Basic` or `PRIVATE-TOKEN`; then terminal escape sequences,
 * control characters and bidi controls (line breaks become spaces: messages are one line).
 *
 * @example
 * const scrub = createScrubber(['ghx-secret-value']);
 * scrub('token ghx-secret-value is not valid\u001b[31m'); // 'token [redacted] is not valid'
 */
export function createScrubber(secrets: ReadonlyArray<string | undefined> = []): Scrubber {
  const forms = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH).flatMap(secretForms);
  const secretPattern = forms.length > 0 ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : null;
  return (text: string): string => {
    let clean = String(text);
    if (secretPattern) {
      clean = clean.replace(secretPattern, '[redacted]');
    }
    for (const shape of TOKEN_SHAPES) {
      clean = clean.replace(shape, '[redacted]');
    }
    return clean
      .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//')
      .replace(/\b(bearer|basic|private-token:?)(\s|%20|\+)+(?!\[redacted\])[^\s"',;)]+/gi, '$1 [redacted]')
      .replace(ESCAPE_SEQUENCES, '')
      .replace(/[\r\n\t]+/g, ' ')
      .replace(CONTROLS, '');
  };
}
