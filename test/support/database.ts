import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './api-process';

/**
 * The API's embedded PostgreSQL in a process of its own, so that it outlives the API process,
 * which can then be killed with -9 and started again on the same data.
 */
export async function startDatabase(dataDir: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const script = `const embedded = require(${JSON.stringify(join(ROOT, 'apps/api/dist/database/embedded-postgres.js'))});
    embedded.stopEmbeddedPostgresOnSignalsOurselves();
    embedded.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, database: 'e2e' })
    .then((db) => { process.stdout.write(db.url + '\\n'); process.on('SIGTERM', () => db.stop().then(() => process.exit(0))); })
    .catch((e) => { console.error(e.message); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`the database process exited (${code})`)));
  });
  return { url, stop: () => new Promise((resolve) => (child.exitCode === null ? (child.once('exit', () => resolve()), child.kill('SIGTERM')) : resolve())) };
}

