import { annotationHtmlToText } from '../../events/annotationHtml';
import { annotationForVerdict } from './annotationForVerdict';

// CONSTRUCTED: the parts of a gate report the annotation reads.
const report = {
  verdict: 'roll_back' as const,
  deploy: { time: Date.UTC(2026, 0, 5, 10), service: 'checkout' },
  reasons: ['errors 3x baseline'],
  spike: null,
};

describe('annotationForVerdict', () => {
  it('says on the dashboard that a verdict rests on metrics read in part (the gate exits 3 then)', () => {
    const partial = annotationForVerdict({ ...report, metricsError: 'store eu-1 was not read' } as never, { ciRun: null });
    const whole = annotationForVerdict({ ...report, metricsError: null } as never, { ciRun: null });
    expect(annotationHtmlToText(partial.text).split('\n')[1]).toBe('from metrics read in part or not at all: store eu-1 was not read');
    expect(annotationHtmlToText(whole.text).split('\n')[1]).toBe('errors 3x baseline');
  });
});
