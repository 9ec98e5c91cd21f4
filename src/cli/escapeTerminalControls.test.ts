import { escapeTerminalControls } from './escapeTerminalControls';

describe('escapeTerminalControls', () => {
  it.each([
    ['a C1 CSI that clears the screen', 'Deploy \u009b2J done', 'Deploy \\u009b2J done'],
    ['a right-to-left override', 'api \u202egnp.exe', 'api \\u202egnp.exe'],
    ['isolates and marks', '\u2066x\u2069\u200e\u061c', '\\u2066x\\u2069\\u200e\\u061c'],
    ['DEL', 'a\u007fb', 'a\\u007fb'],
  ])('writes %s as escapes, parsing back to the same text', (_name, value, escaped) => {
    const json = escapeTerminalControls(JSON.stringify({ text: value }));
    expect(json).toBe(`{"text":"${escaped}"}`);
    expect(JSON.parse(json)).toStrictEqual({ text: value });
  });

  it('escapes C0 controls in text output (a table, markdown) but keeps tabs and line breaks', () => {
    expect(escapeTerminalControls('| v2 \u001b[2J |\tok\r\n')).toBe('| v2 \\u001b[2J |\tok\r\n');
  });

  describe('edge cases', () => {
    it('leaves printable non-ASCII text and pretty-printing whitespace alone', () => {
      const json = JSON.stringify([{ title: 'Déploiement ✓ 部署 — ok' }], null, 2);
      expect(escapeTerminalControls(json)).toBe(json);
    });
  });
});
