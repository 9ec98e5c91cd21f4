import { Scrubber } from '../http/createScrubber';

/** A JSON string literal, and the colon after it when it is an object's key. */
const STRING_LITERAL = /"[^"\\\n]*(?:\\.[^"\\\n]*)*"(\s*:)?/g;

/**
 * JSON text with secrets removed from its string values only. Redacting the text as a whole
 * would also match a short secret (`null`, `true`, `time`) where it stands as JSON's own
 * syntax or a key, and print `"timeEnd": [redacted]`, which no JSON reader accepts. Keys are
 * the command's own names, never CI text. Each literal is redacted whole, quotes included, so
 * a secret is found as it stands inside a JSON string (escaped) as in the text. O(n): one pass
 * of the redactor, and one a string when the text holds a secret.
 *
 * @example
 * redactJsonStrings('{"timeEnd": null, "title": "null"}', createRedactor(['null'])) // '{"timeEnd": null, "title": "[redacted]"}'
 */
export function redactJsonStrings(json: string, redact: Scrubber): string {
  // No secret anywhere in the text (the usual case) is one pass, not a call per string.
  if (redact(json) === json) {
    return json;
  }
  return json.replace(STRING_LITERAL, (literal, key: string | undefined) => (key === undefined ? redact(literal) : literal));
}
