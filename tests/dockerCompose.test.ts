/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  extends?: { file: string; service: string };
  build?: { context: string };
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string | number>;
  cap_add?: string[];
}

/** The `grafana` service as `docker compose` sees it: the root file over the scaffold's base. */
function grafanaService(): { service: Service; baseDir: string } {
  const root = parse(read('docker-compose.yaml')).services.grafana as Service;
  expect(root.extends?.service).toBe('grafana');
  const baseFile = root.extends!.file;
  const base = parse(read(baseFile)).services.grafana as Service;
  return {
    service: {
      ...base,
      ...root,
      environment: { ...base.environment, ...root.environment },
      volumes: [...(base.volumes ?? []), ...(root.volumes ?? [])],
    },
    baseDir: path.dirname(path.join(ROOT, baseFile)),
  };
}

/** Volume `host:container` pairs with the host side resolved from the file that declared them. */
function mounts(service: Service, baseDir: string): Record<string, string> {
  return Object.fromEntries(
    (service.volumes ?? []).map((volume) => {
      const [host, container] = volume.split(':');
      return [container, path.relative(ROOT, path.resolve(baseDir, host)) || '.'];
    })
  );
}

const BACKEND = /gpx_|\bdlv\b|delve|\bmage\b|golang|GO_VERSION|2345|SYS_PTRACE/;

describe('npm run server (Docker)', () => {
  it('starts a frontend-only Grafana: no backend binary, Go, delve or mage anywhere in the set-up', () => {
    const files = [
      'docker-compose.yaml',
      '.config/docker-compose-base.yaml',
      '.config/Dockerfile',
      '.config/supervisord/supervisord.conf',
      '.config/entrypoint.sh',
    ];
    for (const file of files) {
      expect({ file, backend: read(file).match(BACKEND)?.[0] ?? null }).toStrictEqual({ file, backend: null });
    }
    const { service } = grafanaService();
    expect(service.ports).toStrictEqual(['3000:3000/tcp']);
    expect(service.cap_add).toBeUndefined();
  });

  it('development mode runs Grafana directly under supervisord instead of waiting for a backend build', () => {
    const conf = read('.config/supervisord/supervisord.conf');
    const programs = conf.match(/^\[program:[\w-]+\]/gm);
    expect(programs).toStrictEqual(['[program:grafana]']);
    expect(conf).toMatch(/^command=\/run\.sh$/m);
  });

  it('mounts dist/ as the app plugin and provisioning/ as Grafana provisioning', () => {
    const { service, baseDir } = grafanaService();
    const mounted = mounts(service, baseDir);
    expect(mounted['/var/lib/grafana/plugins/safedeploy-deploys-app']).toBe('dist');
    expect(mounted['/etc/grafana/provisioning']).toBe('provisioning');
    expect(fs.existsSync(path.join(ROOT, 'provisioning', 'datasources', 'safedeploy.yaml'))).toBe(true);
  });

  it('allows the three unsigned plugins and passes every variable the provisioning files use', () => {
    const { service } = grafanaService();
    const env = service.environment ?? {};
    expect(String(env.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).split(',').sort()).toStrictEqual([
      'safedeploy-deploys-app',
      'safedeploy-events-datasource',
      'safedeploy-impact-panel',
    ]);
    const used = new Set(read('provisioning/datasources/safedeploy.yaml').match(/SAFEDEPLOY_\w+/g));
    expect([...used].filter((name) => !(name in env))).toStrictEqual([]);
  });
});
