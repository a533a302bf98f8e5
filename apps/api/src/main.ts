import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from './bootstrap';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { checkDatabase, checkPortFree, checkRedis, oneLine, portProblem } from './database/start-checks';
import { EmbeddedDatabase, EmbeddedPostgresError, startEmbeddedPostgres, stopEmbeddedPostgresOnSignalsOurselves } from './database/embedded-postgres';

const SHUTDOWN_LIMIT_MS = 15_000;

let app: NestExpressApplication | undefined;
let embedded: EmbeddedDatabase | undefined;
let stopping = false;

/**
 * Every way start-up can fail ends here: one line on stderr, exit code 1 (CONTRACT.md, "Running it").
 * Once a signal has asked the process to stop, a step that fails because of it says nothing: the
 * shutdown under way ends the process.
 */
async function fail(line: string): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  await embedded?.stop();
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

/** SIGINT (Ctrl-C) or SIGTERM, at any point: drain the API if it is up, then stop the embedded database; exit 0. */
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`${signal} received: shutting down\n`);
  const force = setTimeout(() => {
    process.stderr.write(`Shutting down took more than ${SHUTDOWN_LIMIT_MS / 1000} s: exiting now\n`);
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS).unref();
  await app?.close().catch((error: unknown) => process.stderr.write(`While shutting down: ${oneLine(error)}\n`));
  await embedded?.stop();
  clearTimeout(force);
  process.stderr.write('Stopped.\n');
  process.exit(0);
}

async function main(): Promise<void> {
  // This process stops the embedded database itself, after draining.
  stopEmbeddedPostgresOnSignalsOurselves();
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));

  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : `Invalid configuration: ${oneLine(error)}`);
  }
  const portTaken = await checkPortFree(config.PORT);
  if (portTaken) return fail(portTaken);
  const redisProblem = config.REDIS_URL ? await checkRedis(config.REDIS_URL) : undefined;
  if (redisProblem) return fail(redisProblem);

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT, database: 'action_learning' });
    } catch (error) {
      return fail(error instanceof EmbeddedPostgresError ? error.message : `Could not start the embedded PostgreSQL (data in ${config.DATA_DIR}/pg): ${oneLine(error)}`);
    }
    databaseUrl = embedded.url;
  }
  const databaseProblem = await checkDatabase(databaseUrl);
  if (databaseProblem) return fail(databaseProblem);

  try {
    app = await createApp(config, databaseUrl);
    // Start-up work of the modules (the issuer key, timers, jobs) here, so a failure there is not taken for the port's.
    await app.init();
  } catch (error) {
    return fail(`Could not start the API: ${oneLine(error)}`);
  }
  if (stopping) return; // stop() closes it

  try {
    await app.listen(config.PORT);
  } catch (error) {
    await app.close().catch(() => undefined);
    return fail(portProblem(config.PORT, error));
  }
  if (embedded?.note) process.stderr.write(`${embedded.note}\n`);
  process.stderr.write(`Action learning platform listening on ${config.PUBLIC_URL} (port ${config.PORT})${embedded ? `, embedded PostgreSQL on port ${config.EMBEDDED_PG_PORT}` : ''}\n`);
}

void main();
