import { DISPLAY_CONTROLS } from '../http/createScrubber';

/**
 * Characters a terminal acts on that the command line's output never needs raw: C0 controls
 * but tab, line feed and carriage return (JSON already escapes them; a table or markdown
 * report would print them), and DEL, C1 (U+009B starts a CSI sequence like ESC [) and the bidi
 * controls, which JSON.stringify leaves as they are. The scrubber removes the same set from
 * messages.
 */
const TERMINAL_CONTROLS = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f${DISPLAY_CONTROLS}]`, 'g');

/**
 * Output with each terminal control written as a `\uXXXX` escape, so CI text printed to a
 * terminal or a CI log cannot move the cursor, recolour or reorder what is shown. JSON still
 * parses to the same values: outside strings JSON holds no such character, so every match is
 * inside a string, where the escape stands for the same character. O(n).
 *
 * @example
 * escapeTerminalControls(JSON.stringify('a\u202eb')) // '"a\\u202eb"'
 */
export function escapeTerminalControls(output: string): string {
  return output.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
