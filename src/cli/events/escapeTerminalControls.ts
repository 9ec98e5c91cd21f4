/**
 * Characters that JSON.stringify leaves as they are but a terminal acts on: DEL and the C1
 * controls (U+0080-U+009F; U+009B starts a CSI sequence like ESC [), and the bidi controls that
 * reorder what is shown (U+061C, U+200E/F, U+202A-202E, U+2066-2069), the same set the
 * scrubber removes from messages. C0 controls (U+0000-U+001F) JSON already escapes.
 */
const TERMINAL_CONTROLS = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with each terminal control written as a `\uXXXX` escape, so CI text printed to a
 * terminal or a CI log cannot move the cursor, recolour or reorder what is shown. The JSON
 * still parses to the same values: outside strings JSON holds only ASCII, so every match is
 * inside a string, where the escape stands for the same character. O(n).
 *
 * @example
 * escapeTerminalControls(JSON.stringify('a\u202eb')) // '"a\\u202eb"'
 */
export function escapeTerminalControls(json: string): string {
  return json.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
