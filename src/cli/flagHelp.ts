/** How every command reads a time flag (T in the usage texts). */
export const TIME_HELP = `T: ISO 8601, epoch ms, YYYY-MM-DD HH:mm:ss, or Grafana's relative time: now-7d, now/d (start of
today; as --to, its end), now-1d/d (yesterday), now-1w/w (last week, from Sunday). Rounding and
times without an offset follow --timezone (UTC or an IANA zone such as Europe/Berlin; default UTC).`;

/** How every command reads a duration flag, and the bound on those that set a timer (MAX_TIMER_MS). */
export const DURATION_HELP = `DURATION: 30m, 2h, 1h30m, 3600000ms. A timeout, deadline, wait or interval is at most
24d20h31m23s647ms, the longest a Node.js timer waits.`;
