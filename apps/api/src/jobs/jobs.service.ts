import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { AppConfig } from '@api/config/app-config';

export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');

interface RecurringJob {
  name: string;
  cron: string;
  run: () => Promise<unknown>;
}

/**
 * Recurring background work on pg-boss (jobs kept in PostgreSQL, no in-memory timers). Each
 * registered job is a pg-boss schedule: pg-boss creates one job per cron slot however many API
 * processes run, and one worker takes it. The work itself must still be idempotent (a job that
 * fails is retried), which ours are: every sweep records what it did under a unique key.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly jobs: RecurringJob[] = [];
  private boss: PgBoss | null = null;

  constructor(
    private readonly config: AppConfig,
    @Inject(JOBS_DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  /** Registers a recurring job (call from onModuleInit). */
  register(name: string, cron: string, run: () => Promise<unknown>): void {
    this.jobs.push({ name, cron, run });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.JOBS_ENABLED) return;
    const boss = new PgBoss({ connectionString: this.databaseUrl, schema: 'pgboss', max: 3, application_name: 'als-jobs' });
    boss.on('error', (error: Error) => this.logger.error({ msg: 'job queue error', error: error.message }));
    await boss.start();
    for (const job of this.jobs) {
      // 'singleton': at most one job of the queue active at a time, across processes.
      await boss.createQueue(job.name, { name: job.name, policy: 'singleton', retryLimit: 3, retryDelay: 30, expireInSeconds: 600 });
      await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
      await boss.work(job.name, { pollingIntervalSeconds: 2 }, async () => {
        await job.run();
      });
    }
    this.boss = boss;
    this.logger.log({ msg: 'jobs started', jobs: this.jobs.map((j) => `${j.name} ${j.cron}`) });
  }

  /** Queues a run of a registered job now (operations, tests); answers the job id, or null when jobs are off here. */
  async runNow(name: string): Promise<string | null> {
    if (!this.jobs.some((j) => j.name === name)) throw new Error(`No job called ${name}`);
    return this.boss ? this.boss.send(name, {}) : null;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    // Lets a running job finish (bounded) while the database is still open, then closes pg-boss's pool.
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
  }
}
