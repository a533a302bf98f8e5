import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, EmbeddedPostgresPlace, placeEmbeddedPostgres, runningPostmaster } from './embedded-postgres-place';
import { oneLine } from './start-checks';

export { EmbeddedPostgresError } from './embedded-postgres-place';

export interface EmbeddedDatabase {
  url: string;
  /** The cluster's folder (DATA_DIR/pg, or where that links to). */
  clusterDir: string;
  /** One line to show at start when the database lives outside DATA_DIR (as root in a closed folder). */
  note?: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const SMART_STOP_MS = 5_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * Starts (initialising on first use) a PostgreSQL cluster whose data lives under `dataDir` (see
 * placeEmbeddedPostgres for root), and makes sure `database` exists. Used when no DATABASE_URL is given.
 *
 * PostgreSQL listens on 127.0.0.1:`port` only (no Unix socket), in a process group of its own, so
 * that a Ctrl-C in the terminal reaches the API, which drains and then stops it, rather than
 * PostgreSQL itself while the API still uses it. Every failure is an EmbeddedPostgresError whose
 * message is one line saying what to do.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; database: string; log?: (line: string) => void }): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const place = placeEmbeddedPostgres(options.dataDir);
  if (!existsSync(join(place.clusterDir, 'PG_VERSION'))) await initialise(place, log);
  const server = await startServer(place, options.port, log);
  try {
    await ensureDatabase(options.port, options.database);
  } catch (error) {
    await server.stop();
    throw new EmbeddedPostgresError(`The embedded PostgreSQL started on port ${options.port} but could not be used: ${oneLine(error)}`);
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`, clusterDir: place.clusterDir, note: place.note, stop: server.stop };
}

/** Runs initdb as the user PostgreSQL runs as, with the password in a file only that user reads. */
async function initialise(place: EmbeddedPostgresPlace, log: (line: string) => void): Promise<void> {
  const passwordFile = join(dirname(place.clusterDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (place.runAs) chownSync(passwordFile, place.runAs.uid, place.runAs.gid);
  try {
    const args = ['-D', place.clusterDir, `--username=${USER}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];
    const { code, output } = await run(join(place.binDir, 'initdb'), args, place, log);
    if (code !== 0) {
      const reason = output.filter((line) => /^initdb: error:/.test(line)).pop() ?? output.pop() ?? `exit code ${code}`;
      throw new EmbeddedPostgresError(`Could not create the embedded database in ${place.clusterDir}: ${reason.replace(/^initdb: error: /, '')}`);
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function run(file: string, args: string[], place: EmbeddedPostgresPlace, log: (line: string) => void): Promise<{ code: number | null; output: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...place.runAs, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    const output: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        output.push(line);
        log(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error) => reject(new EmbeddedPostgresError(`Could not run ${file}: ${oneLine(error)}`)));
    child.once('close', (code) => resolve({ code, output }));
  });
}

const running = new Set<() => Promise<void>>();

async function startServer(place: EmbeddedPostgresPlace, port: number, log: (line: string) => void): Promise<{ stop(): Promise<void> }> {
  const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'lc_messages=C'];
  const child = spawn(join(place.binDir, 'postgres'), ['-D', place.clusterDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
    ...place.runAs,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const recent: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 50) recent.shift();
      log(line);
    }
  });
  // If this process ends without stopping it (an uncaught error, process.exit), PostgreSQL is told to stop.
  const onExit = () => void child.kill('SIGINT');
  process.on('exit', onExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    running.delete(stop);
    process.removeListener('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Smart shutdown first: the sessions of pools just ended finish closing on their own (a fast
    // shutdown would end them with "terminating connection due to administrator command", which
    // their owners report as errors); then fast, for sessions nobody closes; then immediate.
    child.kill('SIGTERM');
    const fast = setTimeout(() => child.kill('SIGINT'), SMART_STOP_MS);
    const immediate = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(fast);
    clearTimeout(immediate);
  };
  running.add(stop);
  installSignalHandlers();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new EmbeddedPostgresError(`The embedded PostgreSQL (data in ${place.clusterDir}) did not start within ${START_TIMEOUT_MS / 1000} s: ${lastProblem(recent) ?? 'no answer'}`)), START_TIMEOUT_MS);
      const watch = (chunk: Buffer) => {
        if (!chunk.toString('utf8').includes(READY)) return;
        clearTimeout(timer);
        child.stderr?.removeListener('data', watch);
        resolve();
      };
      child.stderr?.on('data', watch);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new EmbeddedPostgresError(`Could not run ${join(place.binDir, 'postgres')}: ${oneLine(error)}`));
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(startFailure(recent, port, place.clusterDir));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

/** PostgreSQL's reason for not starting, as the line a person needs. */
function startFailure(lines: string[], port: number, clusterDir: string): EmbeddedPostgresError {
  const text = lines.join('\n');
  if (/lock file "postmaster\.pid" already exists/.test(text)) {
    const pid = /another postmaster \(PID (\d+)\)/i.exec(text)?.[1] ?? runningPostmaster(clusterDir) ?? '?';
    return new EmbeddedPostgresError(`The embedded database in ${clusterDir} is already in use by another PostgreSQL (pid ${pid}): stop the npm start that runs it (or \`kill ${pid}\` if none does), or give this one its own DATA_DIR and EMBEDDED_PG_PORT.`);
  }
  if (/could not create any TCP\/IP sockets|Address already in use/.test(text)) {
    return new EmbeddedPostgresError(`Port ${port} of the embedded PostgreSQL is already in use: stop the program that uses it, or set EMBEDDED_PG_PORT (or DATABASE_URL).`);
  }
  return new EmbeddedPostgresError(`The embedded PostgreSQL (data in ${clusterDir}) stopped while starting: ${lastProblem(lines) ?? 'no reason given'}`);
}

/** The last FATAL/PANIC/ERROR line of PostgreSQL's log, without its time and pid prefix. */
function lastProblem(lines: string[]): string | undefined {
  const line = [...lines].reverse().find((l) => /\b(FATAL|PANIC|ERROR):/.test(l)) ?? lines.at(-1);
  return line?.replace(/^.*?\b(FATAL|PANIC|ERROR|LOG):\s+/, '').trim();
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres', connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let signalsAreTheCallers = false;
let handlersInstalled = false;

/**
 * A process that does not stop the database itself (the test suites' set-up, scripts) still stops it
 * on SIGINT, SIGTERM or SIGHUP: PostgreSQL runs in its own process group, so nothing else would.
 * The signal is then raised again, with its default effect.
 */
function installSignalHandlers(): void {
  if (signalsAreTheCallers || handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function removeSignalHandlers(): void {
  handlersInstalled = false;
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  removeSignalHandlers();
  void Promise.all([...running].map((stop) => stop())).finally(() => process.kill(process.pid, signal));
}

/**
 * For a process that stops its embedded database itself when a signal asks it to stop (the API,
 * after draining): the handlers above are removed, so that they neither stop the database under the
 * draining process nor end it before it is done.
 */
export function stopEmbeddedPostgresOnSignalsOurselves(): void {
  signalsAreTheCallers = true;
  removeSignalHandlers();
}
