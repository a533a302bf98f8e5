import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ApiProcess {
  baseUrl: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM to the process (as a supervisor does) and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Ctrl-C as a terminal sends it: SIGINT to the whole process group. Resolves with how it ended. */
  interrupt(): Promise<Exit>;
  exited: Promise<Exit>;
}

export interface ApiOptions {
  dataDir?: string;
  env?: Record<string, string>;
  /** Run `npm start` (build, then the API) rather than `node apps/api/dist/main.js` as npm start runs it. */
  npm?: boolean;
  /** The repository to run in (a copy elsewhere); the one these tests are in by default. */
  root?: string;
  /** The port to listen on (known before the start, say for a provider's redirect URI); a free one by default. */
  port?: number;
}

/**
 * The environment the API runs in: this one, without the run's DATABASE_URL (whose data the API
 * would mix with). Processes of one test share a database but not a data folder, so they get one
 * CREDENTIALS_KEY (to unlock the same issuer key); a test signs many people up from one address
 * within a minute, so the per-address sign-in limit is off (the API's own tests cover it).
 */
export function apiEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return { ...inherited, LOG_LEVEL: 'warn', NODE_ENV: 'development', CREDENTIALS_KEY: 'e2e-credentials-key-e2e-credentials-key-0123456789', AUTH_RATE_LIMIT: '0', ...env };
}

function spawnApi(root: string, npm: boolean, env: NodeJS.ProcessEnv): ChildProcess {
  // Its own process group (detached), so that interrupt() can signal the whole of it as a terminal would.
  return npm
    ? spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    : spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/**
 * Starts the built API (`node apps/api/dist/main.js`, or `npm start`) on free ports, with its own data
 * folder and its own embedded PostgreSQL, and waits until /api/health answers.
 */
export async function startApi(options: ApiOptions = {}): Promise<ApiProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'als-e2e-'));
  if (!options.dataDir) chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as `postgres`: keep it in reach, as a clone usually is
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = apiEnv({
    PORT: String(port),
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: options.env?.EMBEDDED_PG_PORT ?? String(await freePort()),
    PUBLIC_URL: baseUrl,
    ...options.env,
  });
  const child = spawnApi(options.root ?? ROOT, options.npm ?? false, env);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const api: ApiProcess = {
    baseUrl,
    dataDir,
    child,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return (await exited).code;
    },
    interrupt: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGINT');
      return exited;
    },
  };
  const deadline = Date.now() + (options.npm ? 240_000 : 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The API exited during start-up:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return api;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await api.stop();
  throw new Error(`The API did not answer /api/health in time:\n${output}`);
}

export interface Finished extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs the built API with `env` (on top of apiEnv) until it exits by itself: for start-ups that must fail. */
export function runApiToEnd(env: Record<string, string | undefined>, options: { root?: string; timeoutMs?: number } = {}): Promise<Finished> {
  const child = spawn(process.execPath, [join(options.root ?? ROOT, 'apps/api/dist/main.js')], { cwd: options.root ?? ROOT, env: apiEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
  return new Promise((done) =>
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    }),
  );
}

/**
 * Lines that must never appear when the API starts or stops cleanly: pino entries at error level or
 * above, stack frames, uncaught errors, npm's error report.
 */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (line.startsWith('{')) {
      try {
        return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
      } catch {
        return true;
      }
    }
    // The web build's file listing (after Nx's `@als/web: ` in CI) names chunks after their modules (`dist/assets/FormError-….js`): not an error.
    // eslint-disable-next-line no-control-regex -- the build colours its listing when it runs under Jest
    if (/(^|\s)dist\/\S+\s.*│ gzip:/.test(line.replace(/\u001b\[[0-9;]*m/g, ''))) return false;
    return /^\s+at\s|\b\w*Error\b|^npm (error|ERR!)|Unhandled|Called end on pool/.test(line);
  });
}
