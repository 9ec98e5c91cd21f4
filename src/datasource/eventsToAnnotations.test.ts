import { arrayToDataFrame, textUtil } from '@grafana/data';

import { extractEvents, readFailures } from '../frames/extractEvents';
import { parseRelease } from '../events/providers/readGitHub';
import { readFixture } from '../events/testing/fixtures';
import { textToAnnotationHtml } from '../events/annotationHtml';
import { eventsToAnnotations } from './eventsToAnnotations';
import { eventsToFrame } from './eventsToFrame';
import { queryError, toQueryResponse } from './toQueryResponse';

// The fixture's first release (GitHub REST "List releases", source noted beside the fixture),
// its name and body CONSTRUCTED to carry markup as a release author could write it.
const release = (readFixture('github/releases_list.json') as Array<Record<string, unknown>>)[0];
const hostile = parseRelease(
  {
    ...release,
    name: 'v1.0 <a href="https://evil.example/rollback">roll back here</a>',
    body: 'Fixes <img src="https://tracker.example/p.png">\nparsing',
  },
  'octo/app'
);
if (typeof hostile === 'string') {
  throw new Error(hostile);
}
const frame = eventsToFrame([{ ...hostile, timeEnd: hostile.time + 300_000 }], 'Anno');

describe('eventsToAnnotations', () => {
  it('gives Grafana title and text that its tooltip shows as the CI wrote them, loading and linking nothing', () => {
    const [annotation] = eventsToAnnotations([frame]);
    for (const [html, written] of [
      [annotation.title, hostile.title],
      [annotation.text, hostile.text],
    ]) {
      const div = document.createElement('div');
      div.innerHTML = textUtil.sanitize(html ?? '');
      expect(div.querySelector('img, a')).toBeNull();
      div.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
      expect(div.textContent).toBe(written);
    }
  });

  it('makes an event with an end a region, and keeps the fields the Deploy Impact panel reads', () => {
    const [annotation] = eventsToAnnotations([frame]);
    expect(annotation).toMatchObject({
      time: hostile.time,
      timeEnd: hostile.time + 300_000,
      isRegion: true,
      kind: hostile.kind,
      source: 'github',
    });
    const [point] = eventsToAnnotations([eventsToFrame([{ ...hostile, timeEnd: null }], 'Anno')]);
    expect(point).toMatchObject({ isRegion: false, timeEnd: undefined });
  });

  it('reaches the Deploy Impact panel, through the frame Grafana builds from annotations, as the CI wrote it', () => {
    const annotations = arrayToDataFrame(eventsToAnnotations([frame]));
    const [event] = extractEvents([], [annotations]);
    expect(event).toMatchObject({
      title: hostile.title,
      text: hostile.text,
      kind: hostile.kind,
      timeEnd: hostile.time + 300_000,
    });
  });

  it('marks a read that got nothing at the end of its range, its reasons as text, and the Deploy Impact panel leaves the marker out', () => {
    const failed = queryError('Anno', ['GitLab returned 401 <html>: the token is wrong.', 'and more'], hostile.time);
    const annotations = eventsToAnnotations(failed.data);
    expect(annotations).toStrictEqual([
      { time: hostile.time, isRegion: false, title: 'SafeDeploy Events read nothing', text: 'GitLab returned 401 &lt;html&gt;: the token is wrong.<br />and more', tags: ['safedeploy-error'] },
    ]);
    expect(extractEvents([], [arrayToDataFrame(annotations)])).toStrictEqual([]);
    // The panel says why instead, as text.
    expect(readFailures([arrayToDataFrame(annotations)])).toStrictEqual(['SafeDeploy Events read nothing: GitLab returned 401 <html>: the token is wrong.\nand more']);
    // A panel query's failure carries the same empty frame: no event for the panel either.
    expect(extractEvents(failed.data, [])).toStrictEqual([]);
  });

  it('keeps the events of a read that lost some, with one marker saying what was not read', () => {
    const partial = toQueryResponse({ events: [hostile], notices: [{ severity: 'error', text: 'GitHub returned 404 for shop/typo.' }] }, 'Anno', hostile.time + 1);
    const annotations = eventsToAnnotations(partial.data);
    // The marker last: a frame built from the first annotation's keys keeps the events' own.
    expect(annotations.map((a) => [a.time, a.title])).toStrictEqual([
      [hostile.time, textToAnnotationHtml(hostile.title)],
      [hostile.time + 1, 'SafeDeploy Events read part of the events'],
    ]);
    expect(annotations[1].text).toBe('GitHub returned 404 for shop/typo.');
    expect(extractEvents([], [arrayToDataFrame(annotations)]).map((e) => e.title)).toStrictEqual([hostile.title]);
  });
});
