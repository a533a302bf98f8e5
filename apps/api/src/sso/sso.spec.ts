import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@api/config/app-config';
import { sameSiteReturnTo, SsoFlowCookie } from './sso-flow';

const base = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'als-sso-')), JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789', CREDENTIALS_KEY: 'test-credentials-key-test-credentials-key-0123' });

describe('single sign-on settings (loadConfig)', () => {
  it('accepts an https issuer anywhere, and an http one on a loopback address outside production', () => {
    expect(loadConfig({ ...base(), NODE_ENV: 'production', PUBLIC_URL: 'https://als.example.org', OIDC_ISSUER: 'https://login.example.org/realms/x', OIDC_CLIENT_ID: 'als' }).OIDC_ISSUER).toBe('https://login.example.org/realms/x');
    for (const issuer of ['http://127.0.0.1:4000', 'http://localhost:4000/idp', 'http://[::1]:4000']) {
      expect(loadConfig({ ...base(), NODE_ENV: 'test', OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'als' }).OIDC_ISSUER).toBe(issuer);
    }
  });

  it.each([
    ['an http issuer in production', { NODE_ENV: 'production', OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'als' }, /OIDC_ISSUER must be an https URL/],
    ['an http issuer on another host', { NODE_ENV: 'development', OIDC_ISSUER: 'http://login.example.org', OIDC_CLIENT_ID: 'als' }, /OIDC_ISSUER must be an https URL/],
    ['an issuer without a client id', { NODE_ENV: 'development', OIDC_ISSUER: 'https://login.example.org' }, /OIDC_CLIENT_ID is required with OIDC_ISSUER/],
    ['an issuer that is not a URL', { NODE_ENV: 'development', OIDC_ISSUER: 'login', OIDC_CLIENT_ID: 'als' }, /OIDC_ISSUER must be an absolute https URL/],
  ])('refuses %s with one line', (_what, env, message) => {
    expect(() => loadConfig({ ...base(), PUBLIC_URL: 'https://als.example.org', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base(), PUBLIC_URL: 'https://als.example.org', ...env })).toThrow(message);
  });
});

describe(sameSiteReturnTo.name, () => {
  it('keeps a path (with its query and fragment) on this site; percent-encoded line breaks stay encoded (no header injection)', () => {
    expect(sameSiteReturnTo('/sets/1?tab=people#top', 'https://als.example.org')).toBe('/sets/1?tab=people#top');
    expect(sameSiteReturnTo('/%0d%0aSet-Cookie:x', 'https://als.example.org')).toBe('/%0d%0aSet-Cookie:x');
  });

  it.each([
    ['nothing', undefined],
    ['a repeated parameter', ['/a', '/b']],
    ['an empty value', ''],
    ['a relative path', 'sets'],
    ['another site', 'https://evil.example/'],
    ['a protocol-relative address', '//evil.example'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['a line break', '/a\nb'],
    ['a script', 'javascript:alert(1)'],
    ['over 2,000 characters', `/${'x'.repeat(2000)}`],
  ])('answers / for %s', (_what, value) => {
    expect(sameSiteReturnTo(value, 'https://als.example.org')).toBe('/');
  });
});

describe(SsoFlowCookie.name, () => {
  const sut = new SsoFlowCookie('test-secret-test-secret-test-secret-0123456789');
  const flow = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/', organisationId: null, expiresAt: 2_000 };

  it('opens what it sealed until it expires', () => {
    expect(sut.open(sut.seal(flow), 1_999)).toEqual(flow);
    expect(sut.open(sut.seal(flow), 2_000)).toBeNull();
  });

  it('refuses a cookie changed or sealed with another key', () => {
    const [payload, mac] = sut.seal(flow).split('.');
    const changed = Buffer.from(JSON.stringify({ ...flow, nonce: 'other' })).toString('base64url');
    expect(sut.open(`${changed}.${mac}`, 1_000)).toBeNull();
    expect(sut.open(new SsoFlowCookie('another-secret-another-secret-another-0123').seal(flow), 1_000)).toBeNull();
    expect(sut.open(`${payload}.${mac}.x`, 1_000)).toBeNull();
    expect(sut.open(42, 1_000)).toBeNull();
  });
});
