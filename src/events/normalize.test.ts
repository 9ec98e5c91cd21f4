import { safeUrl, withoutUrlCredentials } from './normalize';

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
  ])('removes user-info from URLs in text: %s', (_, value, expected) => {
    expect(withoutUrlCredentials(value)).toBe(expected);
  });
});
