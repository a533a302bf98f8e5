import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createServer, get, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { once } from 'node:events';
import { request, startTestApp, TestApp } from './app';

function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** A built client as Vite lays it out: index.html naming a hashed script. */
function builtClient(): { dir: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), 'als-web-dist-'));
  mkdirSync(join(dir, 'assets'));
  const script = 'index-B3xq9Zk1.js';
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><script type="module" src="/assets/${script}"></script></head><body><div id="root"></div></body></html>`);
  writeFileSync(join(dir, 'assets', script), `console.log(${JSON.stringify('x'.repeat(20_000))});\n`);
  return { dir, script };
}

describe('the built web client', () => {
  let t: TestApp;
  const client = builtClient();
  beforeAll(async () => {
    t = await startTestApp({ WEB_DIST_DIR: client.dir });
  });
  afterAll(() => t.close());

  it('serves hashed scripts compressed, kept a year and never revalidated', async () => {
    // The bytes as they travel (supertest would unzip them).
    const server = createServer(t.app.getHttpAdapter().getInstance() as RequestListener).listen(0);
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const { headers, body } = await rawGet(`http://127.0.0.1:${port}/assets/${client.script}`, { 'Accept-Encoding': 'gzip' });
      expect(headers['content-encoding']).toBe('gzip');
      expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(body.length).toBeLessThan(1000);
      expect(gunzipSync(body).toString()).toContain('xxxxxxxx');
    } finally {
      server.close();
    }
  });

  it('answers index.html, and every client route with it, for the browser to check each time', async () => {
    for (const path of ['/', '/index.html', '/sets/9d1c4f6e-0000-4000-8000-000000000000', '/rsvp/some-token']) {
      const response = await request(t.http).get(path).expect(200);
      expect(response.text).toContain(`/assets/${client.script}`);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('leaves API answers uncompressed and uncached by these rules', async () => {
    const response = await request(t.http).get('/api/health').set('Accept-Encoding', 'gzip').expect(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(String(response.headers['cache-control'] ?? '')).not.toContain('immutable');
  });
});
