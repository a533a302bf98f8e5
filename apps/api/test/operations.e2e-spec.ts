import { Lifecycle } from '@api/common/lifecycle';
import { request, startTestApp, TestApp } from './app';
import { OutboxService } from '@api/mail/outbox.service';
import { createSet, registerUser } from './factories';
import { connect, listen } from './live-client';

describe('operations: metrics, probes, security headers, graceful shutdown', () => {
  describe('with the defaults', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('exposes Prometheus metrics, labelling routes by their pattern, never by ids', async () => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran);
      await t.app.get(OutboxService).enqueue([{ to: 'someone@example.org', subject: 'Hello', text: 'Hello', html: '<p>Hello</p>' }]);
      await request(t.http).get(`/api/sets/${set.id}`).set(fran.auth).expect(200);
      const response = await request(t.http).get('/api/metrics').expect(200);
      expect(response.headers['content-type']).toContain('text/plain');
      const text = response.text;
      expect(text).toMatch(/als_http_request_duration_seconds_count\{method="GET",route="\/api\/sets\/:setId",status="200"\} 1/);
      expect(text).not.toContain(set.id);
      for (const name of ['als_live_sockets', 'als_live_commands_total', 'als_job_queue_depth', 'als_mail_outbox', 'als_nodejs_eventloop_lag_seconds', 'als_process_resident_memory_bytes']) expect(text).toContain(name);
      expect(text).toMatch(/als_mail_outbox\{status="pending"\} [1-9]/);
    });

    it('answers liveness always, and readiness only while it takes work', async () => {
      await request(t.http).get('/api/health/live').expect(200, { status: 'ok' });
      await request(t.http).get('/api/health/ready').expect(200, { status: 'ok' });
      const lifecycle = t.app.get(Lifecycle);
      lifecycle.draining = true;
      try {
        await request(t.http).get('/api/health/ready').expect(503);
        await request(t.http).get('/api/health/live').expect(200);
      } finally {
        lifecycle.draining = false;
      }
    });

    it('sends security headers, without HSTS over plain HTTP', async () => {
      const response = await request(t.http).get('/api/health').expect(200);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('in production settings', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ METRICS_TOKEN: 'scrape-token-0123456789', COOKIE_SECURE: 'true' });
    });
    afterAll(() => t.close());

    it('keeps metrics behind METRICS_TOKEN and sends HSTS behind TLS', async () => {
      await request(t.http).get('/api/metrics').expect(401);
      await request(t.http).get('/api/metrics').set('authorization', 'Bearer wrong-token-0123456789').expect(401);
      await request(t.http).get('/api/metrics').set('authorization', 'Bearer scrape-token-0123456789').expect(200);
      const response = await request(t.http).get('/api/health').expect(200);
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    });
  });

  it('on shutdown drops live connections at the transport, so clients reconnect elsewhere', async () => {
    const t = await startTestApp();
    const base = await listen(t);
    const fran = await registerUser(t);
    const client = await connect(base, fran.token);
    const reason = new Promise<string>((resolve) => client.socket.once('disconnect', (r: string) => resolve(r)));
    await t.close();
    // "transport close" (not "io server disconnect"): socket.io-client reconnects by itself.
    expect(await reason).toBe('transport close');
    client.close();
  });
});
