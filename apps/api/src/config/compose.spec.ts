import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configKeys } from './app-config';

/**
 * Docker cannot run here, so the deployment files are kept honest by reading them: the services,
 * ports and proxy the operations section promises, and only environment variables the
 * configuration module knows, with every secret required rather than defaulted.
 */
const root = join(__dirname, '../../../..');
const compose = parse(readFileSync(join(root, 'docker/compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: unknown; environment?: Record<string, string>; ports?: string[]; depends_on?: unknown; healthcheck?: { test: string[] }; stop_grace_period?: string; volumes?: string[] }>;
};
const nginx = readFileSync(join(root, 'docker/nginx.conf'), 'utf8');
const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
const apis = Object.entries(compose.services).filter(([name]) => name.startsWith('api-'));

describe('docker/compose.yaml', () => {
  it('runs PostgreSQL, Redis, two API replicas, a reverse proxy and a TURN server', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api-1', 'api-2', 'coturn', 'postgres', 'proxy', 'redis']);
    expect(compose.services.postgres.image).toMatch(/^postgres:\d+/);
    expect(compose.services.redis.image).toMatch(/^redis:\d+/);
    expect(compose.services.proxy.ports).toEqual(['80:80']);
    expect(apis).toHaveLength(2);
  });

  it('gives each replica only variables the configuration module reads, secrets required, Redis and the database of the stack', () => {
    const known = new Set(configKeys());
    for (const [name, service] of apis) {
      const env = service.environment!;
      for (const key of Object.keys(env)) expect({ service: name, key, known: known.has(key) }).toEqual({ service: name, key, known: true });
      expect(env.NODE_ENV).toBe('production');
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/als:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/als$/);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      for (const secret of ['JWT_SECRET', 'PUBLIC_URL', 'MAIL_DOMAIN']) expect(env[secret]).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
      expect(env.PORT).toBe('3000');
      expect(service.healthcheck!.test.join(' ')).toContain('/api/health/ready');
      expect(Number.parseInt(service.stop_grace_period!, 10)).toBeGreaterThan(15);
    }
    // One replica receives reply e-mail; the port it listens on is the one published.
    const inbound = apis.filter(([, s]) => s.environment!.INBOUND_SMTP_PORT);
    expect(inbound.map(([n]) => n)).toEqual(['api-1']);
    expect(compose.services['api-1'].ports).toEqual([`25:${compose.services['api-1'].environment!.INBOUND_SMTP_PORT}`]);
    expect(compose.services['api-2'].ports).toBeUndefined();
  });

  it('runs coturn with the shared secret the replicas sign TURN credentials with', () => {
    const command = (compose.services.coturn as { command: string[] }).command;
    expect(compose.services.coturn.image).toMatch(/^coturn\/coturn:\d/);
    expect(command).toContain('--use-auth-secret');
    const secret = command.find((c) => c.startsWith('--static-auth-secret='))!.split('=')[1];
    for (const [, service] of apis) expect(service.environment!.TURN_SECRET).toBe(secret);
    expect(secret).toMatch(/^\$\{TURN_SECRET:\?/);
  });

  it('proxies HTTP and WebSocket upgrades to every replica', () => {
    for (const [name] of apis) expect(nginx).toContain(`server ${name}:3000`);
    expect(nginx).toMatch(/location \/socket\.io\/ \{[^}]*proxy_set_header Upgrade \$http_upgrade;[^}]*proxy_set_header Connection \$connection_upgrade;/s);
    expect(nginx).toContain('proxy_http_version 1.1;');
  });

  it('builds a small non-root image that drains on SIGTERM', () => {
    expect(dockerfile).toMatch(/^FROM node:20-[\w-]*slim AS build/m);
    expect(dockerfile).toMatch(/^FROM node:20-[\w-]*slim AS runtime/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('npm prune --omit=dev');
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(dockerfile).toContain('/api/health/ready');
  });
});

describe('.env.example', () => {
  it('names only variables the configuration module reads', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const names = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    const known = new Set(configKeys());
    expect(names.filter((n) => !known.has(n) && !['POSTGRES_PASSWORD'].includes(n))).toEqual([]);
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'SMTP_URL', 'INBOUND_SMTP_PORT', 'INBOUND_EMAIL_SECRET', 'METRICS_TOKEN', 'TRUST_PROXY']) expect(names).toContain(key);
  });
});
