/** Whether `zone` is an IANA time zone name this browser knows (Intl refuses any other). */
function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone the app shows times in, from the user's Grafana preference (`bootData.user.timezone`,
 * the user's, else the team's or org's, else `default_timezone`): `utc`, or an IANA name. Grafana
 * reads `browser` and an empty preference as the browser's zone, which is resolved here to its
 * name so the pages can say which zone they show; a name this browser does not know is read the
 * same way (Grafana's formatter shows it in the browser's zone too), and a browser that names no
 * zone gets UTC, so the label never names another zone than the one shown.
 *
 * @example
 * userTimeZone('browser', Intl.DateTimeFormat().resolvedOptions().timeZone) // 'Asia/Kolkata' in India
 */
export function userTimeZone(preference: string | undefined, browserZone: string | undefined): string {
  if (preference === 'utc') {
    return 'utc';
  }
  if (preference && preference !== 'browser' && isKnownZone(preference)) {
    return preference;
  }
  return browserZone && isKnownZone(browserZone) ? browserZone : 'utc';
}
