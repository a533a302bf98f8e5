import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError, loadConfig } from './app-config';

describe(AppConfig.name, () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'als-config-'));

  describe('loadConfig', () => {
    it('uses the documented defaults when nothing is set', () => {
      const sut = loadConfig({ DATA_DIR: dataDir() });
      expect(sut.PORT).toBe(3000);
      expect(sut.DATABASE_URL).toBeUndefined();
      expect(sut.EMBEDDED_PG_PORT).toBe(54329);
      expect(sut.AUTH_RATE_LIMIT).toBe(10);
      expect(sut.PUBLIC_URL).toBe('http://localhost:3000');
    });

    it('reads numbers and trims the trailing slash of PUBLIC_URL', () => {
      const sut = loadConfig({ DATA_DIR: dataDir(), PORT: '4100', AUTH_RATE_LIMIT: '0', PUBLIC_URL: 'https://sets.example.org/' });
      expect(sut.PORT).toBe(4100);
      expect(sut.AUTH_RATE_LIMIT).toBe(0);
      expect(sut.PUBLIC_URL).toBe('https://sets.example.org');
    });

    it('reads the switches: jobs on and cookies not Secure by default, each can be turned', () => {
      expect(loadConfig({ DATA_DIR: dataDir() })).toMatchObject({ JOBS_ENABLED: true, COOKIE_SECURE: false });
      expect(loadConfig({ DATA_DIR: dataDir(), JOBS_ENABLED: 'false', COOKIE_SECURE: 'true' })).toMatchObject({ JOBS_ENABLED: false, COOKIE_SECURE: true });
      expect(loadConfig({ DATA_DIR: dataDir(), JOBS_ENABLED: '0', COOKIE_SECURE: '1' })).toMatchObject({ JOBS_ENABLED: false, COOKIE_SECURE: true });
    });

    it.each([
      [{ PORT: 'abc' }, /PORT/],
      [{ PORT: '70000' }, /PORT/],
      [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ URL/],
      [{ REDIS_URL: 'http://x' }, /REDIS_URL/],
      [{ SMTP_URL: 'mail.example.org' }, /SMTP_URL/],
      [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL/],
      [{ AUTH_RATE_LIMIT: '-1' }, /AUTH_RATE_LIMIT/],
      [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
      [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
      [{ ICE_SERVERS: 'stun:x' }, /ICE_SERVERS must be JSON/],
      [{ ICE_SERVERS: '{"urls":"stun:x"}' }, /ICE_SERVERS must be an array/],
      [{ ICE_SERVERS: '[{"urls":"http://x"}]' }, /ICE_SERVERS \[0\]\.urls must be stun:/],
      [{ ICE_SERVERS: '[{"urls":["turn:x"]}]' }, /ICE_SERVERS \[0\] is a TURN server: it needs username and credential/],
      [{ ICE_SERVERS: '[{"urls":"stun:x","iceTransportPolicy":"relay"}]' }, /iceTransportPolicy is not an RTCIceServer field/],
      [{ TURN_SECRET: 'turn-shared-secret-0123' }, /TURN_SECRET and TURN_URLS go together/],
      [{ TURN_URLS: 'turn:x:3478' }, /TURN_SECRET and TURN_URLS go together/],
      [{ TURN_SECRET: 'short', TURN_URLS: 'turn:x:3478' }, /TURN_SECRET must be at least 16/],
      [{ TURN_SECRET: 'turn-shared-secret-0123', TURN_URLS: 'https://x' }, /TURN_URLS must be turn:/],
      [{ TURN_TTL_SECONDS: '86401' }, /TURN_TTL_SECONDS must be at most 86400/],
    ])('refuses %p with one line naming the setting', (env, message) => {
      const load = () => loadConfig({ DATA_DIR: dataDir(), ...env });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(message);
      try {
        load();
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    });

    it('reads the call\'s ICE servers and TURN settings', () => {
      const sut = loadConfig({ DATA_DIR: dataDir(), ICE_SERVERS: '[{"urls":["stun:a:3478"]},{"urls":"turns:b:5349","username":"u","credential":"c"}]', TURN_SECRET: 'turn-shared-secret-0123', TURN_URLS: 'turn:t:3478, turns:t:5349', TURN_TTL_SECONDS: '3600' });
      expect(sut).toMatchObject({ TURN_URLS: 'turn:t:3478, turns:t:5349', TURN_TTL_SECONDS: 3600 });
      expect(loadConfig({ DATA_DIR: dataDir() }).TURN_TTL_SECONDS).toBe(43_200);
    });

    it('requires JWT_SECRET in production', () => {
      expect(() => loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required in production/);
    });

    it('requires CREDENTIALS_KEY in production, of at least 32 characters', () => {
      const jwt = { JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };
      expect(() => loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', ...jwt })).toThrow(/CREDENTIALS_KEY is required in production/);
      expect(() => loadConfig({ DATA_DIR: dataDir(), CREDENTIALS_KEY: 'short' })).toThrow(/CREDENTIALS_KEY must be at least 32 characters/);
      expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', ...jwt, CREDENTIALS_KEY: 'k'.repeat(40) }).credentialsKey).toBe('k'.repeat(40));
    });

    it('generates a local credentials key once and keeps it across restarts', () => {
      const dir = dataDir();
      expect(loadConfig({ DATA_DIR: dir }).credentialsKey).toBe(loadConfig({ DATA_DIR: dir }).credentialsKey);
      expect(loadConfig({ DATA_DIR: dir }).credentialsKey).not.toBe(loadConfig({ DATA_DIR: dataDir() }).credentialsKey);
    });

    it('generates a local secret once and keeps it across restarts', () => {
      const dir = dataDir();
      const first = loadConfig({ DATA_DIR: dir });
      const second = loadConfig({ DATA_DIR: dir });
      expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
      expect(second.jwtSecret).toBe(first.jwtSecret);
      expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first.jwtSecret);
    });
  });
});
