/**
 * @jest-environment node
 */
import { ChildProcess, spawn } from 'child_process';
import fc from 'fast-check';
import net from 'net';
import path from 'path';

const ROOT = path.resolve(__dirname, '..');

/** The preview host in its own process (an ES module); resolves with its port, and whether it is still running. */
function startHost(): Promise<{ port: number; running: () => boolean; stderr: () => string; close: () => Promise<void> }> {
  const script = `import { startPreviewServer } from './preview/server.mjs';
const server = await startPreviewServer({ port: 0, env: {} });
console.log('port ' + server.port);`;
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk) => (err += String(chunk)));
  const close = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill())));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const port = /port (\d+)/.exec(out)?.[1];
      if (port) {
        resolve({ port: Number(port), running: () => child.exitCode === null && child.signalCode === null, stderr: () => err, close });
      }
    });
    child.once('exit', (code) => reject(new Error(`the preview host exited (${code}): ${err}`)));
  });
}

/** Sends raw bytes as one request and resolves with the answer's status and body (0 when the connection closed without an answer). */
function rawRequest(port: number, request: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(request)}`)));
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    });
    socket.end(request);
  });
}

const requestOf = (target: string, host = 'localhost') => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

describe('the preview host refuses bad requests and stays up', () => {
  let host: Awaited<ReturnType<typeof startHost>>;
  beforeAll(async () => {
    host = await startHost();
  });
  afterAll(() => host.close());

  it.each([
    ['Host: a b', requestOf('/api/health', 'a b')],
    ['Host: [', requestOf('/api/health', '[')],
    ['Host: x:99999', requestOf('/api/health', 'x:99999')],
    ['the request target //', requestOf('//')],
    ['the request target http://[', requestOf('http://[')],
    ['a malformed escape in a dashboard uid', requestOf('/d/%E0%A4%A')],
  ])('answers %s with 400', async (_name, request) => {
    expect((await rawRequest(host.port, request)).status).toBe(400);
    expect(host.running()).toBe(true);
  });

  it('answers %00 in a plugin path with a 4xx that names no path of the machine', async () => {
    const answer = await rawRequest(host.port, requestOf('/public/plugins/safedeploy-deploys-app/img%00/logo.svg'));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toContain(ROOT);
    expect(answer.body).not.toMatch(/\/(work|home|tmp|usr)\//);
  });

  it('answers 1,000 malformed request lines and headers each with a 4xx, and is still up (fuzz)', async () => {
    const text = fc.string({ unit: fc.constantFrom(...'abc/:[]@%?#*.-_~09 \t"<>{}|\\^`\u00e9'.split('')), maxLength: 24 });
    // Each request has at least one part HTTP or the host refuses: a target that is not a path,
    // a malformed escape or NUL in a path part, or a Host header no URL can hold.
    const badTarget = fc.oneof(
      fc.tuple(fc.constantFrom('//', 'http://[', 'http://', '*', '', 'x', '%', '\\'), text).map(([prefix, rest]) => prefix + rest),
      fc.tuple(fc.constantFrom('/public/plugins/safedeploy-deploys-app/', '/d/', '/datasources/edit/', '/api/dashboards/uid/'), text, fc.constantFrom('%00', '%', '%zz', '%E0%A4%A')).map(
        ([route, rest, bad]) => route + encodeURIComponent(rest) + bad
      )
    );
    const badHost = fc.oneof(fc.constantFrom('a b', '[', 'x:99999', '[::1', 'a:b:c', 'h:-1', ':80', 'a/b', 'a@b'), // HTTP drops the spaces and tabs around a header's value.
      text.filter((h) => !/^[A-Za-z0-9._~-]+(:\d{1,5})?$/.test(h.replace(/^[ \t]+|[ \t]+$/g, ''))));
    const request = fc.oneof(
      fc.tuple(badTarget, fc.constantFrom('localhost', '127.0.0.1:3000')).map(([target, h]) => requestOf(target, h)),
      fc.tuple(fc.constantFrom('/', '/api/health', '/d/x', '/host.js'), badHost).map(([target, h]) => requestOf(target, h))
    );
    const requests = fc.sample(request, { seed: 33, numRuns: 1_000 });
    const statuses: number[] = [];
    for (const raw of requests) {
      const { status } = await rawRequest(host.port, raw);
      if (status < 400 || status >= 500) {
        throw new Error(`${JSON.stringify(raw)} was answered ${status || 'with nothing'}`);
      }
      statuses.push(status);
    }
    expect(statuses).toHaveLength(1_000);
    expect(host.running()).toBe(true);
    expect((await rawRequest(host.port, requestOf('/api/health'))).status).toBe(200);
    expect(host.stderr()).toBe('');
  });
});
