// The demo scenario: three services over the last 24 hours, about twenty deploys through
// GitHub. One release doubles checkout errors and is rolled back; one raises PHP warnings and
// is fixed forward within ten minutes; one deploy of search breaks checkout; the rest are
// harmless, one of them shipped as a flash sale triples checkout traffic (errors rise with
// the requests, the error ratio does not). A feature flag, served by a local Unleash-shaped
// server, raises search errors until it is turned off eight minutes later. Each service has
// an error series and a requests series. The same data, relative to the anchor, at any time it runs (for a given seed).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Small seeded PRNG (mulberry32): the same seed gives the same demo. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw from `random` (Box-Muller; two uniforms per draw, the first kept off zero). */
export function standardNormal(random) {
  return Math.sqrt(-2 * Math.log(Math.max(1e-12, random()))) * Math.cos(2 * Math.PI * random());
}

// Errors and requests per minute at the daily mean: error ratios of 0.2% to 0.5%.
export const SERVICES = [
  { name: 'checkout', repo: 'shop/checkout', baseErrors: 4, baseRequests: 1500 },
  { name: 'web', repo: 'shop/web', baseErrors: 12, baseRequests: 2400 },
  { name: 'search', repo: 'shop/search', baseErrors: 2, baseRequests: 900 },
];

/**
 * `effects`: multiplicative error-rate changes `{ service, from, to, factor, rampMs }`
 * (to = null: still there). `surges`: the same shape for traffic, which raises errors and
 * requests alike. `deploys`: `{ service, version, at, author, description }`.
 * `flags`: Unleash events as the fake Unleash server wants them.
 */
export function createScenario({ now = Date.now(), seed = 7 } = {}) {
  const anchor = Math.floor(now / MINUTE) * MINUTE;
  // `at(h, m)`: h hours before the anchor, then m minutes later.
  const at = (hoursAgo, minutesLater = 0) => anchor - hoursAgo * HOUR + minutesLater * MINUTE;
  const deploys = [
    { service: 'search', version: 'v1.7.0', at: at(23, 10), author: 'mia', description: 'Faster autocomplete' },
    { service: 'web', version: 'v5.2.0', at: at(22, 5), author: 'raj', description: 'New header' },
    { service: 'checkout', version: 'v2.12.0', at: at(21, 40), author: 'lena', description: 'Coupon codes' },
    { service: 'search', version: 'v1.7.1', at: at(20, 0), author: 'mia', description: 'Typo tolerance' },
    { service: 'checkout', version: 'v2.13.0', at: at(18, 30), author: 'lena', description: 'Gift cards' },
    { service: 'web', version: 'v5.2.1', at: at(17, 15), author: 'raj', description: 'Footer links' },
    { service: 'checkout', version: 'v2.13.2', at: at(16, 20), author: 'omar', description: 'Tax rounding fix' },
    // Bad release: doubles checkout errors; rolled back 25 minutes later.
    { service: 'checkout', version: 'v2.14.0', at: at(15, 0), author: 'lena', description: 'New payment provider SDK' },
    { service: 'checkout', version: 'v2.13.2', at: at(15, 25), author: 'omar', description: 'Roll back v2.14.0' },
    { service: 'search', version: 'v1.7.2', at: at(13, 30), author: 'mia', description: 'Synonyms' },
    { service: 'web', version: 'v5.2.2', at: at(11, 0), author: 'raj', description: 'Image lazy loading' },
    { service: 'checkout', version: 'v2.14.1', at: at(10, 0), author: 'lena', description: 'Payment SDK, retried' },
    // PHP warnings after this one; fixed forward nine minutes later.
    { service: 'web', version: 'v5.3.0', at: at(8, 0), author: 'raj', description: 'PHP 8.3 upgrade' },
    { service: 'web', version: 'v5.3.1', at: at(8, 9), author: 'raj', description: 'Fix deprecated dynamic properties' },
    // Harmless, shipped as a flash sale started: checkout traffic triples for an hour.
    { service: 'checkout', version: 'v2.14.2', at: at(7, 0), author: 'lena', description: 'Flash sale banner' },
    { service: 'search', version: 'v1.7.3', at: at(6, 15), author: 'mia', description: 'Query logging' },
    // A search deploy that breaks checkout (checkout calls search for recommendations).
    { service: 'search', version: 'v1.8.0', at: at(4, 0), author: 'mia', description: 'New ranking API' },
    { service: 'search', version: 'v1.8.1', at: at(4, 50), author: 'mia', description: 'Keep old ranking endpoint' },
    { service: 'checkout', version: 'v2.14.3', at: at(2, 30), author: 'omar', description: 'Receipt emails' },
    { service: 'web', version: 'v5.3.2', at: at(1, 20), author: 'raj', description: 'Copy changes' },
    { service: 'search', version: 'v1.8.2', at: at(1, -20), author: 'mia', description: 'Index warmup' },
  ];
  // A feature flag turned on for everyone raises search errors; turned off eight minutes later.
  const flags = [
    { id: 301, at: at(3, 0), type: 'feature-environment-enabled', featureName: 'semantic-search', environment: 'production', project: 'search', createdBy: 'mia' },
    { id: 302, at: at(3, 8), type: 'feature-environment-disabled', featureName: 'semantic-search', environment: 'production', project: 'search', createdBy: 'omar' },
  ];
  const effects = [
    { service: 'checkout', from: at(15, 0), to: at(15, 25), factor: 2.2, rampMs: 2 * MINUTE },
    { service: 'web', from: at(8, 0), to: at(8, 9), factor: 3.5, rampMs: MINUTE },
    { service: 'checkout', from: at(4, 0), to: at(4, 50), factor: 2.6, rampMs: 3 * MINUTE },
    { service: 'search', from: flags[0].at, to: flags[1].at, factor: 3.2, rampMs: MINUTE },
  ];
  const sale = deploys.find((d) => d.description === 'Flash sale banner');
  const surges = [{ service: 'checkout', from: sale.at, to: sale.at + 60 * MINUTE, factor: 3, rampMs: 2 * MINUTE }];
  return { anchor, seed, deploys, flags, effects, surges, start: at(24, 0) - 6 * HOUR };
}

/** The demo deployments as the fake GitHub server wants them, grouped by repository. */
export function githubRepos(scenario) {
  const repos = Object.fromEntries(SERVICES.map((s) => [s.repo, []]));
  let id = 1000;
  let statusId = 5000;
  const sorted = [...scenario.deploys].sort((a, b) => a.at - b.at);
  for (const deploy of sorted) {
    const service = SERVICES.find((s) => s.name === deploy.service);
    const createdAt = deploy.at - 90_000;
    const deployment = {
      id: ++id,
      sha: sha(`${deploy.service}${deploy.version}${deploy.at}`),
      ref: deploy.version,
      environment: 'production',
      description: deploy.description,
      creator: deploy.author,
      createdAt,
      statuses: [
        { id: ++statusId, state: 'in_progress', createdAt: createdAt + 30_000, description: 'Rolling out' },
        {
          id: ++statusId,
          state: 'success',
          createdAt: deploy.at,
          description: 'Deployment finished successfully.',
          logUrl: `https://ci.example.com/${service.repo}/runs/${id}`,
        },
      ],
    };
    // The previous deployment of the same service turns inactive, as GitHub does.
    const previous = repos[service.repo][repos[service.repo].length - 1];
    if (previous) {
      previous.statuses.push({ id: ++statusId, state: 'inactive', createdAt: deploy.at + 1000, description: 'Superseded' });
      previous.updatedAt = deploy.at + 1000;
    }
    repos[service.repo].push(deployment);
  }
  return repos;
}

function sha(text) {
  let h1 = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < text.length; i++) {
      h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619) >>> 0;
    }
    h1 = Math.imul(h1 ^ round, 16777619) >>> 0;
    out += h1.toString(16).padStart(8, '0');
  }
  return out;
}

/** Product of the changes in `changes` that apply to `service` at t, each ramping in and out. */
function factorAt(changes, service, t) {
  let factor = 1;
  for (const change of changes) {
    if (change.service !== service.name || t < change.from) {
      continue;
    }
    const ramp = Math.min(1, (t - change.from) / change.rampMs);
    const recovering = change.to !== null && t >= change.to ? Math.max(0, 1 - (t - change.to) / (3 * MINUTE)) : 1;
    factor *= 1 + (change.factor - 1) * ramp * recovering;
  }
  return factor;
}

/**
 * The hour of the demo's day at the anchor (now, to the minute). The daily pattern and the
 * noise are laid out from the anchor, not from the clock, so the demo shows the same data
 * whenever it runs: the engine's verdicts on it, and the tests that check them, do not
 * depend on the time of day (they did, at about one time of day in twenty).
 */
const HOUR_AT_ANCHOR = 15;

/** Traffic of one service at t relative to its daily mean: the daily pattern times surges. */
function trafficAt(scenario, service, t) {
  const hourOfDay = (((t - scenario.anchor) / HOUR + HOUR_AT_ANCHOR) % 24 + 24) % 24;
  // Traffic peaks mid-afternoon of the demo's day and is lowest at night.
  const daily = 1 + 0.45 * Math.sin((2 * Math.PI * (hourOfDay - 9)) / 24);
  return daily * factorAt(scenario.surges ?? [], service, t);
}

/** Error rate per minute of one service at time t, before noise: traffic times effects. */
function expectedErrors(scenario, service, t) {
  return service.baseErrors * trafficAt(scenario, service, t) * factorAt(scenario.effects, service, t);
}

/** Requests per minute of one service at time t, before noise. */
function expectedRequests(scenario, service, t) {
  return service.baseRequests * trafficAt(scenario, service, t);
}

/**
 * One sample per minute of `mean(t)` between from and to (epoch ms), within the scenario,
 * approximately Poisson: the mean plus noise with standard deviation sqrt(mean), seeded by
 * `salt` and the minute, so every request agrees.
 */
function sampleMinutes(scenario, from, to, salt, mean) {
  const start = Math.max(Math.ceil(from / MINUTE) * MINUTE, scenario.start);
  const end = Math.min(to, scenario.anchor);
  const times = [];
  const values = [];
  for (let t = start; t <= end; t += MINUTE) {
    const random = seededRandom(scenario.seed * 1_000_003 + ((t - scenario.anchor) / MINUTE) * 31 + salt);
    const m = mean(t);
    const u = Math.max(1e-9, random());
    const v = random();
    const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    times.push(t);
    values.push(Math.max(0, Math.round(m + gaussian * Math.sqrt(m))));
  }
  return { times, values };
}

/** A Grafana data frame JSON of one per-minute series labelled with its service. */
function frameOf(serviceName, measure, { times, values }) {
  return {
    schema: {
      name: `${serviceName} ${measure}`,
      fields: [
        { name: 'time', type: 'time' },
        { name: measure, type: 'number', labels: { service: serviceName }, config: { displayName: `${serviceName} ${measure}/min` } },
      ],
    },
    data: { values: [times, values] },
  };
}

/** Error counts per minute for `service` between from and to (epoch ms), as a Grafana data frame JSON. */
export function errorSeries(scenario, serviceName, from, to) {
  const service = SERVICES.find((s) => s.name === serviceName);
  if (!service) {
    return null;
  }
  return frameOf(serviceName, 'errors', sampleMinutes(scenario, from, to, service.baseErrors, (t) => expectedErrors(scenario, service, t)));
}

/** Request counts per minute for `service` between from and to (epoch ms), as a Grafana data frame JSON. */
export function requestSeries(scenario, serviceName, from, to) {
  const service = SERVICES.find((s) => s.name === serviceName);
  if (!service) {
    return null;
  }
  // A salt of its own, so request noise is not the error noise scaled.
  return frameOf(serviceName, 'requests', sampleMinutes(scenario, from, to, service.baseRequests, (t) => expectedRequests(scenario, service, t)));
}

/**
 * The frames the preview host's TestData stand-in answers a query with: its `labels`
 * (TestData's `key=value, key=value`) name the `service`, and `measure=requests` asks for
 * requests instead of errors. Unknown services get no frame.
 *
 * @param {ReturnType<typeof createScenario>} scenario
 * @param {Record<string, string | number | undefined>} query `from`, `to` (epoch ms) and `labels`
 * @example
 * demoMetrics(scenario, { from, to, labels: 'service=web, measure=requests' }) // [web requests/min]
 */
export function demoMetrics(scenario, { from, to, labels }) {
  const pairs = Object.fromEntries(
    String(labels ?? '')
      .split(',')
      .map((pair) => pair.split('=').map((part) => part.trim()))
      .filter(([key, value]) => key && value)
  );
  const series = pairs.measure === 'requests' ? requestSeries : errorSeries;
  const frame = pairs.service ? series(scenario, pairs.service, Number(from), Number(to)) : null;
  return frame ? [frame] : [];
}

/**
 * What `safedeploy gate --annotate` left in Grafana for the bad checkout release: one
 * region annotation in Grafana's Annotation shape (GET /api/annotations), tagged with the
 * gate's verdict. The panel shows it beside its own verdict for that deploy.
 */
export function gateAnnotations(scenario) {
  const bad = scenario.deploys.find((d) => d.service === 'checkout' && d.version === 'v2.14.0');
  return [
    {
      id: 9101,
      alertId: 0,
      dashboardId: 0,
      dashboardUID: '',
      panelId: 0,
      userId: 7,
      login: 'sa-safedeploy-gate',
      time: bad.at,
      timeEnd: bad.at + 15 * MINUTE,
      created: bad.at + 16 * MINUTE,
      updated: bad.at + 16 * MINUTE,
      tags: ['safedeploy', 'service:checkout', 'env:production', 'verdict:roll_back'],
      text: `SafeDeploy gate: roll_back for checkout in production\ncheckout errors 2.2x the baseline\nCI run: https://ci.example.com/shop/checkout/runs/gate`,
    },
  ];
}
