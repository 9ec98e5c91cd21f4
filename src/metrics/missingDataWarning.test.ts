import { missingDataWarning } from './missingDataWarning';

// Warning texts as the servers write them: Thanos pkg/store/proxy_merge.go (store address
// CONSTRUCTED), Prometheus util/annotations/annotations.go (as the API returns them, with the
// position in the query).
const THANOS_RECEIVE = 'receive series from store-gw-2:10901: rpc error: code = Unavailable desc = connection error';
const THANOS_FETCH = 'fetch series for {cluster="eu1"} store-gw-2:10901: rpc error: code = DeadlineExceeded desc = context deadline exceeded';
const PROMQL_INFO = 'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "errs" (1:6)';
const PROMQL_WARNING = 'PromQL warning: encountered a mix of histograms and floats for metric name "latency" (1:1)';

describe('missingDataWarning', () => {
  it.each([
    ['a Thanos store that failed mid-stream', [THANOS_RECEIVE], THANOS_RECEIVE],
    ['a Thanos store that could not be asked', [THANOS_FETCH], THANOS_FETCH],
    ['a warning of unknown words (read as missing data: the safe side)', ['partial response: store 10.0.0.7:10901 unavailable'], 'partial response: store 10.0.0.7:10901 unavailable'],
    ['a lost store behind query-engine annotations', [PROMQL_INFO, PROMQL_WARNING, THANOS_RECEIVE], THANOS_RECEIVE],
  ])('names %s', (_name, warnings, expected) => {
    expect(missingDataWarning(warnings)).toBe(expected);
  });

  it.each([
    ['no warning', []],
    ['a PromQL info annotation', [PROMQL_INFO]],
    ['a PromQL warning annotation', [PROMQL_WARNING]],
  ])('finds no missing data in %s', (_name, warnings) => {
    expect(missingDataWarning(warnings)).toBeNull();
  });

  describe('edge cases', () => {
    it('reads a warning that is not text as text', () => {
      expect(missingDataWarning([{ store: 'x' }])).toBe('[object Object]');
    });

    it('does not take an annotation prefix found later in the text as an annotation', () => {
      const text = `receive series from a: ${PROMQL_INFO}`;
      expect(missingDataWarning([text])).toBe(text);
    });
  });
});
