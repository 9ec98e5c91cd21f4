/**
 * Prefixes of the query engine's own annotations (Prometheus 2.50 and later, and Mimir and
 * Thanos, which run the same engine): `PromQL info: metric might not be a counter…`,
 * `PromQL warning: encountered a mix of histograms and floats…`. They are about how the query
 * reads its data, not about data that was not read. Source: prometheus/prometheus
 * util/annotations/annotations.go (`PromQLInfo = errors.New("PromQL info")`,
 * `PromQLWarning = errors.New("PromQL warning")`, every annotation wraps one of the two).
 */
const QUERY_ANNOTATION = /^PromQL (info|warning):/;

/**
 * The first warning of a query answer that means data may be missing, or null when every
 * warning is a query-engine annotation (or there is none).
 *
 * Every other warning counts, whatever its words, because the servers put their lost reads
 * there and do not word them alike:
 * - Thanos: the `warnings` field "contains every error that occurred that is assumed non
 *   critical"; with `partial_response` (on by default) "all storeAPIs that will be unavailable
 *   (and thus return no data) will not cause query to fail, but instead return warning"
 *   (thanos-io/thanos docs/components/query.md, Partial Response). Its texts name the store,
 *   not the word partial: `receive series from <store>: rpc error…`, `fetch series for <store>…`,
 *   `failed to receive any data in 10s from <store>…` (pkg/store/proxy_merge.go).
 * - Prometheus: a remote-read (secondary storage) failure is returned as a warning, its
 *   samples left out.
 * Reading an unknown warning as missing data only withholds an action, which a person can
 * still take; acting on a read that lacked the harmed instances cannot be taken back.
 *
 * @example
 * missingDataWarning(['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "errors"']) // null
 * missingDataWarning(['receive series from store-2:10901: rpc error: code = Unavailable']) // 'receive series from store-2:10901: …'
 */
export function missingDataWarning(warnings: readonly unknown[]): string | null {
  for (const warning of warnings) {
    const text = String(warning);
    if (!QUERY_ANNOTATION.test(text.trimStart())) {
      return text;
    }
  }
  return null;
}
