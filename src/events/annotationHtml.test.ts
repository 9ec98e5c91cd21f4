import fc from 'fast-check';
import { textUtil } from '@grafana/data';

import { annotationHtmlToText, textToAnnotationHtml } from './annotationHtml';

/** What Grafana's annotation tooltip shows for an HTML field: sanitized, then set as inner HTML. */
function asGrafanaShowsIt(html: string): HTMLDivElement {
  const div = document.createElement('div');
  div.innerHTML = textUtil.sanitize(html);
  return div;
}

/** The text a reader sees, with each <br> as the line break it stands for. */
function shownText(div: HTMLDivElement): string {
  div.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
  return div.textContent ?? '';
}

describe('annotation HTML', () => {
  it('shows any CI text exactly as written in a Grafana tooltip, with no element but line breaks', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', ' ', '\n', '/', '=', '#', ';', 'x', 'é') }),
        (text) => {
          const div = asGrafanaShowsIt(textToAnnotationHtml(text));
          expect(Array.from(div.querySelectorAll('*')).every((e) => e.tagName === 'BR')).toBe(true);
          expect(shownText(div)).toBe(text);
        }
      )
    );
  });

  it('keeps a release body with an image and a link from loading or linking anything', () => {
    const div = asGrafanaShowsIt(
      textToAnnotationHtml(
        'Fixes <img src="https://tracker.example/p.png"> see <a href="https://evil.example">here</a>'
      )
    );
    expect(div.querySelector('img')).toBeNull();
    expect(div.querySelector('a')).toBeNull();
  });

  it('reads back the text it wrote, line breaks included', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const text = raw.replace(/\r/g, '');
        expect(annotationHtmlToText(textToAnnotationHtml(text))).toBe(text);
      })
    );
  });

  it("reads a Grafana annotation's character references and <br> as text, and leaves other markup as written", () => {
    expect(annotationHtmlToText('Deploy &amp; migrate<br/>v2 &#8594; v3 &#x2192; &lt;b&gt;')).toBe(
      'Deploy & migrate\nv2 → v3 → <b>'
    );
    expect(annotationHtmlToText('<b>bold</b> &unknown; &#0;')).toBe('<b>bold</b> &unknown; &#0;');
  });
});
