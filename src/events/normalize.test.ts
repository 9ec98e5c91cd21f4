import { safeUrl, toEpochMs, withoutUrlCredentials } from './normalize';

describe('safeUrl', () => {
  it.each([
    ['https://ci.example.com/job/1', 'https://ci.example.com/job/1'],
    ['http://ci.example.com:8080/job/1?x=1#log', 'http://ci.example.com:8080/job/1?x=1#log'],
    ['  https://ci.example.com/job/1  ', 'https://ci.example.com/job/1'],
  ])('keeps the http(s) link %s', (value, expected) => {
    expect(safeUrl(value)).toBe(expected);
  });

  it.each([
    // CONSTRUCTED credentials, in the shapes CI tools echo back (Jenkins build URLs, git remotes).
    ['https://ci-bot:11a3e2c9f0b1d2e3f4a5b6c7d8e9f0a1b2@jenkins.example.com/job/api/7/', 'https://jenkins.example.com/job/api/7/'],
    ['https://oauth2:glpat-abcdef0123456789@gitlab.example.com/shop/web', 'https://gitlab.example.com/shop/web'],
    ['http://token@ci.example.com/', 'http://ci.example.com/'],
    ['https://:secret@ci.example.com/', 'https://ci.example.com/'],
  ])('drops the user and password of %s and keeps the link', (value, expected) => {
    expect(safeUrl(value)).toBe(expected);
  });

  describe('edge cases', () => {
    it.each([['javascript:alert(1)'], ['data:text/html,<b>x</b>'], ['ftp://u:p@files.example.com/'], ['not a url'], [''], ['   '], [42], [null]])(
      'gives no link for %p',
      (value) => {
        expect(safeUrl(value)).toBeNull();
      }
    );
  });
});

describe('withoutUrlCredentials', () => {
  it.each([
    ['a token in a repo URL', 'https://oauth2:glpat-abc@gitlab.example.com/a.git', 'https://gitlab.example.com/a.git'],
    ['a user alone', 'cloning http://deploy@git.example.com/a.git failed', 'cloning http://git.example.com/a.git failed'],
    ['two URLs in a message', 'https://u:p@a.example.com and ssh://u:p@b.example.com/x', 'https://a.example.com and ssh://b.example.com/x'],
    ['an @ after the host', 'https://ci.example.com/users/@me?mail=a@b.example.com', 'https://ci.example.com/users/@me?mail=a@b.example.com'],
    ['scp-style git', 'git@github.com:foo/bar.git', 'git@github.com:foo/bar.git'],
    ['plain text', 'successfully synced (all tasks run)', 'successfully synced (all tasks run)'],
    ['a URL right after a word character', 'deploy_https://u:p@a.example.com/x', 'deploy_https://a.example.com/x'],
  ])('removes user-info from URLs in text: %s', (_, value, expected) => {
    expect(withoutUrlCredentials(value)).toBe(expected);
  });
});

describe('toEpochMs', () => {
  // Jest runs in UTC: that the same text gives the same instant in other zones is checked on the
  // built command line in a child process (src/cli/events/eventsCommand.test.ts, "outside UTC").
  const AT = Date.UTC(2024, 0, 1, 10, 0, 0);

  it.each([
    ['2024-01-01T10:00:00Z', AT],
    ['2024-01-01T11:00:00+01:00', AT],
    ['2024-01-01T05:00:00.000-0500', AT],
    ['Mon, 01 Jan 2024 10:00:00 GMT', AT],
    ['2024-01-01', Date.UTC(2024, 0, 1)],
    [AT, AT],
  ])('reads %p as the instant it names', (value, expected) => {
    expect(toEpochMs(value)).toBe(expected);
  });

  describe('edge cases', () => {
    // A producer writing `datetime.now().isoformat()` (a CDEvent by hand, a custom endpoint) names no zone.
    it.each([
      ['2024-01-01T10:00:00', AT],
      ['2024-01-01T10:00', AT],
      ['2024-01-01 10:00:00', AT],
      ['2024-01-01T10:00:00.123456', AT + 123],
    ])('reads the ISO time %p, which names no zone, as UTC', (value, expected) => {
      expect(toEpochMs(value)).toBe(expected);
    });

    // Date.parse would read these in the zone of the machine reading them.
    it.each([['Mon, 01 Jan 2024 10:00:00'], ['01/01/2024 10:00'], ['January 1, 2024 10:00']])(
      'gives no time for %p, a wall-clock reading in no named zone and no ISO form',
      (value) => {
        expect(toEpochMs(value)).toBeNull();
      }
    );
  });
});
