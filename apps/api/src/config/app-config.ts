import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateBy, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every setting the API reads, validated once at start-up. Nothing else reads process.env.
 * The names are those of CONTRACT.md and the README's configuration table.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Where local state lives: embedded PostgreSQL, .eml files, generated secrets. */
  @IsString()
  DATA_DIR = resolve(__dirname, '../../../../.data');

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  @ValidateBy({ name: 'isParsableUrl', validator: { validate: (value) => typeof value === 'string' && URL.canParse(value), defaultMessage: () => 'DATABASE_URL is not a valid URL: postgres://user:password@host:port/database (a port from 1 to 65535; percent-encode special characters in the password)' } })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  INBOUND_SMTP_PORT?: number;

  /** When set, GET /api/metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Signs raw messages posted by a mail provider's inbound hook to POST /api/inbound/email; the route is off without it. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'INBOUND_EMAIL_SECRET must be at least 32 characters' })
  INBOUND_EMAIL_SECRET?: string;

  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'PUBLIC_URL must be an absolute http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  @IsString()
  @Matches(/^[a-z0-9.-]+$/i, { message: 'MAIL_DOMAIN must be a domain name' })
  MAIL_DOMAIN = 'localhost';

  @IsString()
  MAIL_FROM = 'Action Learning <no-reply@localhost>';

  /** Signs access tokens. Generated and kept under DATA_DIR when not given (development only). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Encrypts the Open Badges issuer's private keys at rest (AES-256-GCM). Generated and kept under DATA_DIR when not given (outside production). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CREDENTIALS_KEY must be at least 32 characters' })
  CREDENTIALS_KEY?: string;

  /** The issuer's name in the Open Badges credentials this installation signs. */
  @IsString()
  @MinLength(1)
  ISSUER_NAME = 'Action learning sets';

  @Transform(toInt)
  @IsInt()
  @Min(300)
  ACCESS_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

  /**
   * How long (ms) a session read for one request serves the same session's next requests on this
   * process without reading it again; 0 reads it on every request. A sign-out, revocation or
   * disabled account takes effect at once on the process that made it and on every process that
   * hears of it (through Redis), and within this time on any other; at most a second.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  SESSION_REUSE_MS = 1000;

  /** Sign-in attempts (register, login, password reset) per client address per minute; 0 turns every sign-in limit off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  AUTH_RATE_LIMIT = 10;

  /** Sign-in attempts per account (e-mail address) per 15 minutes, whatever the client address; 0 turns this one off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  AUTH_ACCOUNT_RATE_LIMIT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  LIVE_RATE_LIMIT = 120;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Folder of the built web client served at /. Empty string: serve no web client. */
  @IsString()
  WEB_DIST_DIR = resolve(__dirname, '../../../web/dist');

  /** More origins (comma-separated) browsers may open live connections from; the web client's own (PUBLIC_URL) always may. */
  @IsOptional()
  @IsString()
  ALLOWED_ORIGINS?: string;

  /** Run background jobs (reminders, quorum warnings, e-mail retries) with pg-boss in this process. */
  @Transform(({ value }) => !(value === false || value === 'false' || value === '0'))
  @IsBoolean()
  JOBS_ENABLED = true;

  /** Which proxies' X-Forwarded-For to believe (Express "trust proxy"): the client address rate limits use. */
  @IsString()
  TRUST_PROXY = 'loopback';

  /** Send the session cookie with `Secure` (set behind TLS). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  COOKIE_SECURE = false;

  /** STUN and TURN servers for the set's own call: JSON, an array of RTCIceServer (`[{"urls":"stun:stun.example.org"}]`). */
  @IsOptional()
  @ValidateBy({ name: 'isIceServers', validator: { validate: (value) => iceServersProblem(value) === null, defaultMessage: (args) => `ICE_SERVERS ${iceServersProblem(args?.value) ?? 'is invalid'}` } })
  ICE_SERVERS?: string;

  /** coturn's `static-auth-secret`: the call's TURN credentials are signed with it (with TURN_URLS). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'TURN_SECRET must be at least 16 characters' })
  TURN_SECRET?: string;

  /** The TURN server's URLs (comma-separated, turn: or turns:), for credentials signed with TURN_SECRET. */
  @IsOptional()
  @Matches(/^turns?:[^\s,]+(\s*,\s*turns?:[^\s,]+)*$/, { message: 'TURN_URLS must be turn: or turns: URLs, comma-separated' })
  TURN_URLS?: string;

  /** How long signed TURN credentials stay valid, in seconds (at most 24 hours). */
  @Transform(toInt)
  @IsInt()
  @Min(60, { message: 'TURN_TTL_SECONDS must be at least 60' })
  @Max(86_400, { message: 'TURN_TTL_SECONDS must be at most 86400 (24 hours)' })
  TURN_TTL_SECONDS = 12 * 60 * 60;

  /** Single sign-on (OpenID Connect): the provider's issuer URL; off without it. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'OIDC_ISSUER must be an absolute https URL (http only on a loopback address outside production)' })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  /**
   * Encrypts organisations' own OpenID Connect client secrets at rest (AES-256-GCM). One key of at
   * least 32 characters, or several comma-separated for a rotation: the first seals, any opens.
   * Without it, organisations cannot configure their own provider.
   */
  @IsOptional()
  @IsString()
  @ValidateBy({ name: 'ssoSecretKeys', validator: { validate: (value) => typeof value === 'string' && value.split(',').every((k) => k.trim().length >= 32), defaultMessage: () => 'SSO_SECRET_KEY must be one key of at least 32 characters, or several comma-separated (the current first)' } })
  SSO_SECRET_KEY?: string;

  /**
   * DNS servers (comma-separated `address` or `address:port`) that e-mail domain verification asks
   * for TXT records; the system's resolvers when not set.
   */
  @IsOptional()
  @IsString()
  @Matches(/^(\[?[0-9a-f.:]+\]?(:\d{1,5})?)(,\s*\[?[0-9a-f.:]+\]?(:\d{1,5})?)*$/i, { message: 'DNS_SERVERS must be comma-separated IP addresses, each with an optional :port (for example 1.1.1.1,8.8.8.8)' })
  DNS_SERVERS?: string;

  /** The sign-in page's button says "Sign in with <OIDC_NAME>". */
  @IsString()
  OIDC_NAME = 'single sign-on';

  get mailDir(): string {
    return join(this.DATA_DIR, 'mail');
  }

  get credentialsKey(): string {
    if (!this.CREDENTIALS_KEY) throw new Error('CREDENTIALS_KEY was not resolved at start-up');
    return this.CREDENTIALS_KEY;
  }

  /** The keys of SSO_SECRET_KEY, the current first (none: per-organisation single sign-on is off). */
  get ssoSecretKeys(): string[] {
    return this.SSO_SECRET_KEY ? this.SSO_SECRET_KEY.split(',').map((k) => k.trim()) : [];
  }

  get jwtSecret(): string {
    if (!this.JWT_SECRET) throw new Error('JWT_SECRET was not resolved at start-up');
    return this.JWT_SECRET;
  }
}

export class ConfigError extends Error {}

/** What is wrong with ICE_SERVERS (JSON, RTCIceServer[]), or null. */
export function iceServersProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be JSON text';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'must be JSON: an array of RTCIceServer, such as [{"urls":"stun:stun.example.org"}]';
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > 10) return 'must be an array of 1 to 10 RTCIceServer';
  for (const [i, server] of parsed.entries()) {
    if (!server || typeof server !== 'object' || Array.isArray(server)) return `[${i}] must be an object`;
    const { urls, username, credential, ...rest } = server as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) return `[${i}].${extra} is not an RTCIceServer field (urls, username, credential)`;
    const list = typeof urls === 'string' ? [urls] : urls;
    if (!Array.isArray(list) || list.length === 0 || !list.every((u) => typeof u === 'string' && /^(stun|stuns|turn|turns):\S+$/.test(u))) return `[${i}].urls must be stun:, stuns:, turn: or turns: URLs`;
    if (username !== undefined && typeof username !== 'string') return `[${i}].username must be a string`;
    if (credential !== undefined && typeof credential !== 'string') return `[${i}].credential must be a string`;
    const turn = list.some((u) => /^turns?:/.test(u as string));
    if (turn && (typeof username !== 'string' || typeof credential !== 'string')) return `[${i}] is a TURN server: it needs username and credential`;
  }
  return null;
}

/** Every environment variable the API reads (those with defaults, and the optional ones). */
export function configKeys(): string[] {
  return Object.keys(new AppConfig()).concat(['JWT_SECRET', 'CREDENTIALS_KEY', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'INBOUND_SMTP_PORT', 'INBOUND_EMAIL_SECRET', 'METRICS_TOKEN', 'ALLOWED_ORIGINS', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'SSO_SECRET_KEY', 'DNS_SERVERS', 'ICE_SERVERS', 'TURN_SECRET', 'TURN_URLS']);
}

/** Reads and validates the environment; throws a ConfigError with one readable line on bad input. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = configKeys();
  const raw: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const first = errors[0];
    const details = Object.values(first.constraints ?? {}).reverse();
    throw new ConfigError(`Invalid configuration: ${details.length ? details.join('; ') : `${first.property} is invalid`}`);
  }
  config.PUBLIC_URL = config.PUBLIC_URL.replace(/\/+$/, '');
  if (Boolean(config.TURN_SECRET) !== Boolean(config.TURN_URLS)) throw new ConfigError('Invalid configuration: TURN_SECRET and TURN_URLS go together (the TURN server\'s shared secret and its turn: URLs)');
  if (config.OIDC_ISSUER) {
    if (!issuerAllowed(config.OIDC_ISSUER, config.NODE_ENV)) {
      throw new ConfigError('Invalid configuration: OIDC_ISSUER must be an https URL (http is accepted only on a loopback address outside production)');
    }
    if (!config.OIDC_CLIENT_ID) throw new ConfigError('Invalid configuration: OIDC_CLIENT_ID is required with OIDC_ISSUER');
  }
  config.DATA_DIR = resolve(config.DATA_DIR);
  if (!config.JWT_SECRET) {
    if (config.NODE_ENV === 'production') throw new ConfigError('Invalid configuration: JWT_SECRET is required in production');
    config.JWT_SECRET = localSecret(config.DATA_DIR, 'jwt-secret');
  }
  if (!config.CREDENTIALS_KEY) {
    if (config.NODE_ENV === 'production') throw new ConfigError('Invalid configuration: CREDENTIALS_KEY is required in production');
    config.CREDENTIALS_KEY = localSecret(config.DATA_DIR, 'credentials-key');
  }
  return config;
}

/** Whether an OpenID Connect issuer may be used: https anywhere; http only on a loopback address outside production (tests run a provider there). */
export function issuerAllowed(value: string, nodeEnv: AppConfig['NODE_ENV']): boolean {
  let issuer: URL;
  try {
    issuer = new URL(value);
  } catch {
    return false;
  }
  if (issuer.username || issuer.password || issuer.search || issuer.hash) return false;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname) || /^127\./.test(issuer.hostname);
  return issuer.protocol === 'https:' || (issuer.protocol === 'http:' && loopback && nodeEnv !== 'production');
}

/** A random secret kept under DATA_DIR so that sessions survive restarts of a local install. */
function localSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
