import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { DataSourceSettings } from '@grafana/data';

import { EventsJsonData, EventsSecureJsonData } from '../../types';
import { basicAuth, ConfigEditor } from './ConfigEditor';

function settings(overrides: Partial<DataSourceSettings<EventsJsonData, EventsSecureJsonData>> = {}) {
  return {
    id: 1,
    uid: 'events',
    orgId: 1,
    name: 'SafeDeploy Events',
    type: 'safedeploy-events-datasource',
    typeName: '',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    readOnly: false,
    withCredentials: false,
    version: 2,
    jsonData: { githubUrl: 'https://api.github.com', jenkinsUser: 'ci-bot' },
    secureJsonFields: {},
    ...overrides,
  } as DataSourceSettings<EventsJsonData, EventsSecureJsonData>;
}

describe('ConfigEditor', () => {
  it('never renders a stored secret, only that one is configured', () => {
    // A saved token (secureJsonFields) whose value the settings still hold in secureJsonData,
    // as right after "Save & test" in the same session. CONSTRUCTED token value.
    const { container } = render(
      <ConfigEditor
        options={settings({
          secureJsonFields: { githubToken: true },
          secureJsonData: { githubToken: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' },
        })}
        onOptionsChange={jest.fn()}
      />
    );
    const github = screen.getByLabelText('GitHub token') as HTMLInputElement;
    expect(github.value).toBe('configured');
    expect(github.disabled).toBe(true);
    expect(container.innerHTML).not.toMatch(/ghp_/);
  });

  it('puts a typed token in secureJsonData, never in jsonData', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByLabelText('GitLab token'), { target: { value: 'glpat-secret-value' } });
    const next = onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0];
    expect(next.secureJsonData).toStrictEqual({ gitlabToken: 'glpat-secret-value' });
    expect(JSON.stringify(next.jsonData)).not.toContain('glpat-secret-value');
  });

  it('stores Jenkins credentials as basic auth of user and API token', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByLabelText('Jenkins token'), { target: { value: 'api-token' } });
    const next = onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0];
    expect(next.secureJsonData.jenkinsBasicAuth).toBe(Buffer.from('ci-bot:api-token').toString('base64'));
    expect(basicAuth('ü', 't')).toBe(Buffer.from('ü:t', 'utf8').toString('base64'));
  });

  it('says the saved Jenkins token still goes with the former user when only the user is changed', () => {
    const saved = settings({ secureJsonFields: { jenkinsBasicAuth: true } });
    const { rerender } = render(<ConfigEditor options={saved} onOptionsChange={jest.fn()} />);
    expect(screen.queryByText(/The saved API token is sent with the user/)).toBeNull();
    rerender(<ConfigEditor options={{ ...saved, jsonData: { ...saved.jsonData, jenkinsUser: 'deploy-bot' } }} onOptionsChange={jest.fn()} />);
    expect(screen.getByText('The saved API token is sent with the user "ci-bot": reset it and type the token of "deploy-bot", or set the user back.')).toBeTruthy();
    // Typing the token again encodes it with the new user, and the message goes.
    rerender(<ConfigEditor options={{ ...saved, secureJsonFields: {}, jsonData: { ...saved.jsonData, jenkinsUser: 'deploy-bot' } }} onOptionsChange={jest.fn()} />);
    fireEvent.change(screen.getByLabelText('Jenkins token'), { target: { value: 'new-token' } });
    expect(screen.queryByText(/The saved API token is sent with the user/)).toBeNull();
  });

  it.each([
    ['Unleash', 'unleashUrl', 'unleashToken'],
    ['LaunchDarkly', 'launchdarklyUrl', 'launchdarklyToken'],
    ['Kubernetes', 'kubernetesUrl', 'kubernetesToken'],
  ])('takes the %s URL into jsonData and its token into secureJsonData only', (label, urlKey, tokenKey) => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByLabelText(`${label} URL`), { target: { value: ' https://flags.example.com ' } });
    expect(onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0].jsonData[urlKey]).toBe('https://flags.example.com');
    fireEvent.change(screen.getByLabelText(`${label} token`), { target: { value: 'secret-value-1234' } });
    const next = onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0];
    expect(next.secureJsonData).toStrictEqual({ [tokenKey]: 'secret-value-1234' });
    expect(JSON.stringify(next.jsonData)).not.toContain('secret-value-1234');
  });

  it('asks nothing for Grafana annotations, which come from this Grafana', () => {
    render(<ConfigEditor options={settings()} onOptionsChange={jest.fn()} />);
    expect(screen.queryByLabelText('Grafana annotations URL')).toBeNull();
    expect(screen.queryByLabelText('Grafana annotations token')).toBeNull();
    expect(screen.getByText(/nothing to set up/)).toBeTruthy();
  });

  it('points a new data source at the public GitHub API', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings({ version: 0, jsonData: {} })} onOptionsChange={onOptionsChange} />);
    expect(onOptionsChange.mock.calls[0][0].jsonData.githubUrl).toBe('https://api.github.com');
    expect(onOptionsChange.mock.calls[0][0].jsonData.githubGraphqlUrl).toBe('https://api.github.com/graphql');
  });

  it('derives the GraphQL endpoint the github/graphql route uses from the GitHub Enterprise URL', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByLabelText('GitHub URL'), { target: { value: ' https://ghe.example.com/api/v3 ' } });
    const next = onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0];
    expect(next.jsonData).toMatchObject({ githubUrl: 'https://ghe.example.com/api/v3', githubGraphqlUrl: 'https://ghe.example.com/api/graphql' });
  });

  describe('credentials typed into a URL', () => {
    // CONSTRUCTED token, in the user:token@host shape Jenkins users paste.
    const TOKEN = '11a3e2c9f0b1d2e3f4a5b6c7d8e9f0a1b2';

    it.each([
      ['Jenkins', 'jenkinsUrl', /User field and the API token in the API token field/],
      ['GitLab', 'gitlabUrl', /Access token field/],
      ['GitHub', 'githubUrl', /Token field/],
    ])('refuses a %s URL with a user and token, keeps it out of jsonData and says where the token goes', (label, urlKey, where) => {
      const onOptionsChange = jest.fn();
      render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
      const input = screen.getByLabelText(`${label} URL`) as HTMLInputElement;
      fireEvent.change(input, { target: { value: `https://ci-bot:${TOKEN}@ci.example.com` } });
      const next = onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0];
      expect(JSON.stringify(next.jsonData)).not.toContain(TOKEN);
      expect(next.jsonData[urlKey]).toBe('');
      expect(screen.getByText(/Remove the user name and password from the URL/).textContent).toMatch(where);
      // The input keeps what was typed, so the user sees what to correct.
      expect(input.value).toContain('ci.example.com');
    });

    it('clears a prefix stored while the URL was typed, once it shows credentials', () => {
      const onOptionsChange = jest.fn();
      const { rerender } = render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
      fireEvent.change(screen.getByLabelText('Jenkins URL'), { target: { value: 'https://ci-bot:11a3' } });
      rerender(<ConfigEditor options={onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0]} onOptionsChange={onOptionsChange} />);
      fireEvent.change(screen.getByLabelText('Jenkins URL'), { target: { value: `https://ci-bot:${TOKEN}@` } });
      expect(onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0].jsonData.jenkinsUrl).toBe('');
    });

    it('takes the URL again once the credentials are removed, and the message goes', () => {
      const onOptionsChange = jest.fn();
      render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
      fireEvent.change(screen.getByLabelText('Jenkins URL'), { target: { value: `https://ci-bot:${TOKEN}@jenkins.example.com` } });
      fireEvent.change(screen.getByLabelText('Jenkins URL'), { target: { value: 'https://jenkins.example.com' } });
      expect(onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0].jsonData.jenkinsUrl).toBe('https://jenkins.example.com');
      expect(screen.queryByText(/Remove the user name and password/)).toBeNull();
    });

    it('flags a stored URL that already holds credentials (provisioned or saved before)', () => {
      render(<ConfigEditor options={settings({ jsonData: { argocdUrl: `https://admin:${TOKEN}@argocd.example.com` } })} onOptionsChange={jest.fn()} />);
      expect(screen.getByText(/Remove the user name and password/).textContent).toMatch(/Token field/);
    });
  });
});
