/**
 * Grafana renders an annotation's `title` and `text` as HTML (its tooltip sets them as inner
 * HTML after its own sanitizer, which keeps images and links), while everything SafeDeploy
 * reads from CI is text. These two functions carry text through that HTML field and back.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as the HTML that shows exactly that text; line breaks become `<br />`. */
export function textToAnnotationHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]).replace(/\r?\n/g, '<br />');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function fromCodePoint(code: number, entity: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

/**
 * An annotation's HTML field read back as text for a panel that renders it as text: `<br>`
 * becomes a line break and character references their characters. Other markup is left as
 * written, and shown as text.
 */
export function annotationHtmlToText(html: string): string {
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      return fromCodePoint(
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10),
        entity
      );
    }
    return NAMED[name.toLowerCase()] ?? entity;
  });
}
