import { createServer } from 'node:net';
import { Client } from 'pg';
import { createClient } from 'redis';

/** An error as one line (messages of pg, net and PostgreSQL may span several). */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

/** An error as a clause to go inside a sentence (no closing full stop). */
function clause(error: unknown): string {
  return oneLine(error).replace(/[.!?]+$/, '');
}

/** The line for a port the API cannot listen on. */
export function portProblem(port: number, error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code ?? '') {
    case 'EADDRINUSE':
      return `Port ${port} is already in use: stop the other program or set PORT.`;
    case 'EACCES':
      return `Port ${port} needs privileges this user does not have (ports below 1024 usually do): set PORT to 1024 or above.`;
    default:
      return `Could not listen on port ${port}: ${oneLine(error)}`;
  }
}

/** Whether the API could listen on `port` (as it will: every address), before anything else starts; the line saying why not. */
export function checkPortFree(port: number): Promise<string | undefined> {
  if (port === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(portProblem(port, error)));
    server.listen(port, () => server.close(() => resolve(undefined)));
  });
}

/** `host:port/database` of a postgres:// URL, never its user or password. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${host}:${parsed.port || 5432}${parsed.pathname.length > 1 ? parsed.pathname : '/'}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Connects once to the database the API is about to use; the line that says what is wrong when it
 * cannot (nothing listening, unknown host, refused credentials, no such database, no answer).
 */
export async function checkDatabase(url: string): Promise<string | undefined> {
  const where = describeDatabase(url);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined); // a connection lost after the check is not this check's to report
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const { code } = error as { code?: string };
    const reason = clause(error);
    switch (code ?? '') {
      case '28P01':
      case '28000':
        return `The database at ${where} refused to sign in: ${reason}. Check the user and password in DATABASE_URL.`;
      case '3D000':
        return `The database at ${where} does not exist: ${reason}. Create it (createdb) or fix the name in DATABASE_URL.`;
      case 'ECONNREFUSED':
        return `Cannot reach the database at ${where}: nothing accepts connections there (${reason}). Is PostgreSQL running? Check DATABASE_URL.`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `Cannot reach the database at ${where}: the host name does not resolve (${reason}). Check DATABASE_URL.`;
      default:
        return `Cannot reach the database at ${where}: ${reason}. Check DATABASE_URL.`;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `host:port` of a redis:// URL, never its password. */
function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || 6379}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** Connects once to REDIS_URL (the API would otherwise wait for it in silence); the line saying what is wrong when it cannot. */
export async function checkRedis(url: string): Promise<string | undefined> {
  const client = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: false } });
  client.on('error', () => undefined); // reported through connect()'s rejection
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Cannot use Redis at ${describeRedis(url)}: ${clause(error)}. Check REDIS_URL (is Redis running there?), or leave it unset to run a single process without Redis.`;
  } finally {
    if (client.isOpen) await client.quit().catch(() => undefined);
  }
}
