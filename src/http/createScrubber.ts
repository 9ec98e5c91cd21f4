/** A function that makes text safe to show: no secret, no credentials, no control characters. */
export type Scrubber = (text: string) => string;

/**
 * A secret (or a form of it) this long or longer is removed wherever it stands, even inside
 * a longer word: 8 characters of a token do not occur in ordinary text by chance. Real API
 * tokens are 20 characters or more.
 */
export const MIN_SECRET_LENGTH = 8;
/**
 * A shorter secret (a 7-character password of `user:password`) is removed only where it stands
 * alone, between characters that are not letters or digits: inside a word it could be part of
 * an ordinary word (`wrong` in `wrongly`). Below this length a secret is not searched for at
 * all: a 3-character password would blank out every word it spells.
 */
export const MIN_STANDALONE_SECRET_LENGTH = 4;

/** Token shapes we know even when the secret itself is not known (in the browser, Grafana keeps it). */
const TOKEN_SHAPES = [
  /\b(gh[pousr]_[A-Za-z0-9]{10,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{10,}|glptt-[A-Za-z0-9_-]{10,})\b/g,
  // JSON Web Tokens (Argo CD, CDEvents brokers): three base64url parts, the first two JSON.
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
];

// Terminal escape sequences (CSI and OSC) first, so their parameters go with them.
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]/g;
/**
 * DEL, the C1 controls and the bidi controls that reorder what a terminal shows (U+061C,
 * U+200E/F, U+202A-202E, U+2066-2069): a character class's body, shared with the command
 * line's stdout (escapeTerminalControls).
 */
export const DISPLAY_CONTROLS = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
// C0 controls and the above.
const CONTROLS = new RegExp(`[\\u0000-\\u001f${DISPLAY_CONTROLS}]`, 'g');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

/**
 * The base64 of a secret wherever it stands in the encoded text. A secret that starts 1 or 2
 * bytes into a 3-byte group (base64 of `Authorization: Bearer <token>`, `user:<password>`)
 * encodes differently from one at the start; and the group that holds its last bytes
 * depends on what follows. So for each offset the characters that depend on the secret
 * alone are searched for, in the standard and the URL-safe alphabet, and the whole encoding
 * (with and without padding) for a secret encoded alone.
 */
function base64Forms(text: string): string[] {
  const bytes = bytesOf(text);
  const standard = toBase64(bytes);
  const forms = [standard, standard.replace(/=+$/, '')];
  for (let offset = 0; offset < 3; offset++) {
    const whole = Math.floor((bytes.length - ((3 - offset) % 3)) / 3);
    if (whole <= 0) {
      continue;
    }
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    // Groups after the one shared with the prefix (none at offset 0), up to the last whole group of the secret.
    const first = offset === 0 ? 0 : 4;
    forms.push(toBase64(padded).slice(first, first + whole * 4));
  }
  return forms.flatMap((form) => [form, form.replace(/\+/g, '-').replace(/\//g, '_')]);
}

/** Percent-encodings as servers write them: upper- and lowercase hex, once and twice over, `+` for space. */
function urlForms(text: string): string[] {
  const once = encodeURIComponent(text);
  const twice = encodeURIComponent(once);
  const lower = (form: string) => form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  return [once, lower(once), once.replace(/%20/g, '+'), twice, lower(twice)];
}

/**
 * The secret's UTF-8 bytes in hex (a debug dump), and the secret as it stands inside a JSON
 * string: `"` and `\` escaped (and controls as `\uXXXX`), with and without JSON's optional
 * `\/` escaping of slashes. A token holding `"` is printed in that form by any JSON output.
 */
function otherForms(text: string): string[] {
  const hex = Array.from(bytesOf(text), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const json = JSON.stringify(text).slice(1, -1);
  return [hex, hex.toUpperCase(), text.replace(/\//g, '\\/'), json, json.replace(/\//g, '\\/')];
}

/** The forms of one secret, split by where they are matched: anywhere, or only standing alone. */
interface Forms {
  anywhere: Set<string>;
  standalone: Set<string>;
}

/** Every form a secret may take in an echoed error: raw, URL-encoded, base64, hex, JSON-escaped, and for `user:pass` the password. */
function addSecretForms(secret: string, forms: Forms): void {
  const add = (value: string) => {
    if (value.length < MIN_STANDALONE_SECRET_LENGTH) {
      return;
    }
    // A short secret's base64 and hex depend on what surrounds it: only its written forms are looked for.
    const written = [value, ...urlForms(value), JSON.stringify(value).slice(1, -1)];
    const all = value.length >= MIN_SECRET_LENGTH ? [...written, ...base64Forms(value), ...otherForms(value)] : written;
    for (const form of all) {
      if (form.length >= MIN_SECRET_LENGTH) {
        forms.anywhere.add(form);
      } else if (form.length >= MIN_STANDALONE_SECRET_LENGTH) {
        forms.standalone.add(form);
      }
    }
  };
  add(secret);
  const colon = secret.indexOf(':');
  if (colon > 0) {
    // Basic credentials `user:pass`: the password alone is as secret as the pair.
    add(secret.slice(colon + 1));
  }
}

/** Longest first, so a form is removed whole before a shorter form inside it is looked for. */
function alternation(forms: Iterable<string>): string {
  return Array.from(forms)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
}

/**
 * A pattern matching every form of the given secrets (short ones only between characters that
 * are not letters or digits), or null when there are none worth searching for.
 */
function secretPatternOf(secrets: ReadonlyArray<string | undefined>, short: boolean): RegExp | null {
  const forms: Forms = { anywhere: new Set(), standalone: new Set() };
  for (const secret of secrets) {
    if (typeof secret === 'string') {
      addSecretForms(secret, forms);
    }
  }
  const parts = [];
  if (forms.anywhere.size > 0) {
    parts.push(alternation(forms.anywhere));
  }
  if (short && forms.standalone.size > 0) {
    parts.push(`(?<![\\p{L}\\p{N}])(?:${alternation(forms.standalone)})(?![\\p{L}\\p{N}])`);
  }
  return parts.length > 0 ? new RegExp(parts.join('|'), 'gu') : null;
}

/**
 * Removes the secrets (in every form the scrubber knows) and nothing else: for output that
 * must keep its layout, such as JSON on stdout, where a token a server put in a title must
 * not be printed either.
 *
 * With `short: false` secrets (and forms) under MIN_SECRET_LENGTH are left alone: for an API's
 * answer before it is parsed, where a short numeric password standing alone could be a number
 * of the payload, and replacing it would break the JSON. Output is redacted with them.
 *
 * @example
 * createRedactor(['ghx-secret-value'])('{"title": "ghx-secret-value"}') // '{"title": "[redacted]"}'
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>, { short = true }: { short?: boolean } = {}): Scrubber {
  const pattern = secretPatternOf(secrets, short);
  return (text: string) => (pattern ? String(text).replace(pattern, '[redacted]') : String(text));
}

/**
 * The one scrubber every message passes through before anyone sees it: removes the given
 * secrets (raw; URL-encoded in upper or lower case, once or twice; base64 and base64url at
 * any offset; hex; JSON's `\/` escaping; and for basic credentials `user:pass` the password), credentials in URLs, known token shapes and the
 * value after `Bearer`, `Basic` or `PRIVATE-TOKEN`; then terminal escape sequences,
 * control characters and bidi controls (line breaks become spaces: messages are one line).
 *
 * @example
 * const scrub = createScrubber(['ghx-secret-value']);
 * scrub('token ghx-secret-value is not valid\u001b[31m'); // 'token [redacted] is not valid'
 */
export function createScrubber(secrets: ReadonlyArray<string | undefined> = []): Scrubber {
  const redact = createRedactor(secrets);
  return (text: string): string => {
    let clean = redact(text);
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
