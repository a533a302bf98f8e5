import 'reflect-metadata';
import { Client } from 'pg';
import { createApp } from './bootstrap';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres, stopEmbeddedPostgresOnSignalsOurselves } from './database/embedded-postgres';

function fail(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

async function checkDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : `Invalid configuration: ${String(error)}`);
  }

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, database: 'action_learning' });
    } catch (error) {
      const reason = String((error as Error).message ?? error).replace(/\s+/g, ' ').trim();
      const hint = /permission denied/i.test(reason)
        ? 'The `postgres` system user cannot reach that folder: make DATA_DIR and its parent folders traversable (chmod o+x), or set DATABASE_URL.'
        : 'Is another instance running? Set EMBEDDED_PG_PORT or DATABASE_URL.';
      fail(`Could not start the embedded PostgreSQL on port ${config.EMBEDDED_PG_PORT} (data in ${config.DATA_DIR}/pg): ${reason} ${hint}`);
    }
    databaseUrl = embedded.url;
  }
  try {
    await checkDatabase(databaseUrl);
  } catch (error) {
    await embedded?.stop();
    const where = new URL(databaseUrl);
    fail(`Cannot reach the database at ${where.hostname}:${where.port || 5432}${where.pathname}: ${(error as Error).message}`);
  }

  const app = await createApp(config, databaseUrl).catch(async (error: Error) => {
    await embedded?.stop();
    fail(`Could not start the API: ${error.message}`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal} received: shutting down\n`);
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await app.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    clearTimeout(force);
    process.exit(0);
  };
  // From here the API stops the embedded database itself, after draining.
  stopEmbeddedPostgresOnSignalsOurselves();
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen(config.PORT);
  } catch (error) {
    await app.close().catch(() => undefined);
    await embedded?.stop();
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `Port ${config.PORT} is already in use: stop the other program or set PORT.` : `Could not listen on port ${config.PORT}: ${(error as Error).message}`);
  }
  process.stderr.write(`Action learning platform listening on ${config.PUBLIC_URL} (port ${config.PORT})${embedded ? ', embedded PostgreSQL' : ''}\n`);
}

void main();
