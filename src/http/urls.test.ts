import { hasUserInfo } from './urls';

describe('hasUserInfo', () => {
  it.each([
    ['https://ci-bot:token@jenkins.example.com', true],
    ['https://token@gitlab.example.com/api', true],
    // Half typed, not a URL yet, and already holding part of the secret.
    ['https://ci-bot:11a3e2@', true],
    ['ci-bot:token@jenkins.example.com', true],
    ['https://user:pass@host\\\\other', true],
    ['https://jenkins.example.com', false],
    ['https://k8s.example.com:6443/api', false],
    ['https://ci.example.com/job/a@b', false],
    ['https://ci.example.com/?by=me@example.com', false],
    ['', false],
  ])('%s has a user or password: %p', (url, expected) => {
    expect(hasUserInfo(url)).toBe(expected);
  });
});
