import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * Prometheus metrics of this process (prom-client, own registry): HTTP latency per route, live
 * sockets and commands, the job queue and the e-mail outbox (read from PostgreSQL when scraped),
 * and Node's own (event-loop lag, memory, CPU, handles).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly http = new Histogram({ name: 'als_http_request_duration_seconds', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry] });
  readonly liveCommands = new Counter({ name: 'als_live_commands_total', help: 'Live-session commands by type and outcome', labelNames: ['type', 'outcome'], registers: [this.registry] });
  readonly liveCommandSeconds = new Histogram({ name: 'als_live_command_duration_seconds', help: 'Time to decide and store a live-session command', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [this.registry] });
  private sockets: () => number = () => 0;

  constructor(db: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'als_' });
    const sockets = () => this.sockets();
    new Gauge({
      name: 'als_live_sockets',
      help: 'Live-session connections open to this process',
      registers: [this.registry],
      collect() {
        this.set(sockets());
      },
    });
    new Gauge({
      name: 'als_job_queue_depth',
      help: 'Background jobs waiting or running, by queue and state (all processes)',
      labelNames: ['name', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = (await db.query(`SELECT "name", "state", count(*)::int AS n FROM "pgboss"."job" WHERE "state" IN ('created', 'retry', 'active') GROUP BY 1, 2`).catch(() => [])) as { name: string; state: string; n: number }[];
        for (const r of rows) this.set({ name: r.name, state: r.state }, r.n);
      },
    });
    new Gauge({
      name: 'als_mail_outbox',
      help: 'E-mails in the outbox by status (all processes)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = (await db.query(`SELECT "status", count(*)::int AS n FROM "mail_outbox" GROUP BY 1`).catch(() => [])) as { status: string; n: number }[];
        for (const r of rows) this.set({ status: r.status }, r.n);
      },
    });
  }

  /** The live gateway tells how many connections it holds. */
  countSockets(count: () => number): void {
    this.sockets = count;
  }

  /** Express middleware timing every request; the route is the matched pattern (ids never become labels). */
  middleware() {
    return (request: Request, response: Response, next: NextFunction) => {
      const end = this.http.startTimer();
      response.on('finish', () => {
        const route = (request.route as { path?: string } | undefined)?.path;
        end({ method: request.method, route: route ? `${request.baseUrl}${route}` : 'unmatched', status: String(response.statusCode) });
      });
      next();
    };
  }
}
