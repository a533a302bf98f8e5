import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { Pool } from 'pg';
import { type EntityManager, Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AuthErrorCode } from '@als/shared';
import { forbidden } from '@api/common/domain-error';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { JobsService } from '@api/jobs/jobs.service';
import { MembershipEntity } from '@api/sets/membership.entity';
import { UserEntity } from '@api/users/user.entity';
import { AccessTokens, type AccessClaims } from './access-tokens';
import { CsrfTokens } from './csrf';
import { SessionEntity } from './session.entity';
import { SessionRevocations } from './session-revocations';

/** Where a sign-in comes from, as the session list shows it. */
export interface ClientInfo {
  userAgent: string;
  ip: string | null;
}

/** A request's browser and address, made safe to store and show (no control characters, bounded). */
export function clientInfo(request: Request): ClientInfo {
  const agent = request.headers['user-agent'];
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return { userAgent: typeof agent === 'string' ? agent.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 512) : '', ip: request.ip ? request.ip.slice(0, 64) : null };
}

export interface StartedSession {
  session: SessionEntity;
  accessToken: string;
  csrfToken: string;
}

export interface Authenticated {
  user: UserEntity;
  session: SessionEntity;
  claims: AccessClaims;
  /** Asked for with `setId`: the person's membership of that set, null when they are not in it. */
  membership?: MembershipEntity | null;
}

const SESSION_COLUMNS = ['id', 'userId', 'createdAt', 'lastSeenAt', 'expiresAt', 'revokedAt', 'userAgent', 'ip'] as const;
/** Every column of UserEntity but the password hash (which it never selects either). */
const USER_COLUMNS = ['id', 'email', 'displayName', 'timeZone', 'calendarFeedToken', 'meetingReminders', 'roundEmails', 'registrationRegulator', 'registrationNumber', 'lastDigestAt', 'createdAt', 'updatedAt'] as const;
const MEMBERSHIP_COLUMNS = ['id', 'setId', 'userId', 'role', 'groundRulesAcceptedAt', 'createdAt', 'updatedAt'] as const;
const select = (alias: string, prefix: string, columns: readonly string[]) => columns.map((c) => `${alias}."${c}" AS "${prefix}${c}"`).join(', ');
const OPEN_SESSION = `FROM "sessions" s JOIN "users" u ON u."id" = s."userId" WHERE s."id" = $1 AND s."userId" = $2 AND s."revokedAt" IS NULL AND s."expiresAt" > $3`;
const AUTHENTICATE = `SELECT ${select('s', 's_', SESSION_COLUMNS)}, ${select('u', 'u_', USER_COLUMNS)} ${OPEN_SESSION}`;
const AUTHENTICATE_IN_SET = `SELECT ${select('s', 's_', SESSION_COLUMNS)}, ${select('u', 'u_', USER_COLUMNS)}, ${select('ms', 'm_', MEMBERSHIP_COLUMNS)}
  FROM "sessions" s JOIN "users" u ON u."id" = s."userId" LEFT JOIN "set_memberships" ms ON ms."setId" = $4 AND ms."userId" = s."userId"
 WHERE s."id" = $1 AND s."userId" = $2 AND s."revokedAt" IS NULL AND s."expiresAt" > $3`;

type AuthenticatedRow = Record<string, unknown>;

/** An open session as read for a request, with its person, for the next requests of the same second. */
interface KeptSession {
  /** The token's claims, its signature checked when it was read. */
  claims: AccessClaims;
  user: UserEntity;
  session: SessionEntity;
  /** When it was read (performance.now(), wall time: the reuse is bounded in real time, whatever the injected clock says). */
  readAt: number;
}

/** At most this many sessions are kept for reuse (the least recently read go first). */
const SESSIONS_REUSED = 10_000;

/** A shallow copy as an instance of the entity, so a request that changes its own copy changes no other's. */
function copy<T extends object>(Entity: new () => T, value: T): T {
  return Object.assign(new Entity(), value);
}

/** The columns of one prefix of the row, as an instance of the entity (no relations). */
function pick<T extends object>(Entity: new () => T, row: AuthenticatedRow, prefix: string, columns: readonly string[]): T {
  const entity = new Entity();
  for (const c of columns) (entity as Record<string, unknown>)[c] = row[`${prefix}${c}`];
  return entity;
}

function fromRow(row: AuthenticatedRow, withSet: boolean): { user: UserEntity; session: SessionEntity; membership: MembershipEntity | null } {
  const user = pick(UserEntity, row, 'u_', USER_COLUMNS);
  const session = pick(SessionEntity, row, 's_', SESSION_COLUMNS);
  session.user = user;
  const membership = withSet && row.m_id !== null ? pick(MembershipEntity, row, 'm_', MEMBERSHIP_COLUMNS) : null;
  return { user, session, membership };
}

/** What signing in to a disabled account answers (403). */
export const ACCOUNT_DISABLED_MESSAGE = 'This account has been disabled by an admin of your organisation: ask them to enable it before you sign in.';

/** `lastSeenAt` is written at most this often per session. */
const SEEN_EVERY_MS = 60_000;
/** Ended and expired sessions, and spent or expired account tokens, are deleted after this many days. */
const KEEP_DAYS = 30;
export const ACCOUNT_CLEANUP_JOB = 'account-cleanup';

/**
 * Server-side sessions: one row per sign-in. Every REST request and live handshake goes through
 * `authenticate` (one query joining the session and its user). A session read for one request
 * serves its next requests on this process for SESSION_REUSE_MS (at most a second, wall time), unless
 * this process heard it ended (`SessionRevocations`: at once where it ended, and on every process
 * through Redis), it expired, or its person's account changed (`forgetUser`). Ending sessions marks
 * their rows and, once that has committed, `announce` reaches every process, so that their requests
 * are refused and their live connections close.
 */
@Injectable()
export class SessionsService implements OnModuleInit {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly tokens: AccessTokens,
    private readonly csrf: CsrfTokens,
    private readonly revocations: SessionRevocations,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
  ) {
    this.pool = (sessions.manager.connection.driver as PostgresDriver).master as Pool;
  }

  /** pg's pool itself: the statements every request sends go as named (prepared) statements, without TypeORM's query runner. */
  private readonly pool: Pool;
  /** Sessions read lately, by the access token they were read for, reused for SESSION_REUSE_MS (`authenticate`). */
  private readonly recent = new Map<string, KeptSession>();
  /** Moves on whenever a person's account changes, so that a read under way when it did is not kept. */
  private generation = 0;

  onModuleInit(): void {
    this.jobs.register(ACCOUNT_CLEANUP_JOB, '41 3 * * *', () => this.cleanUp());
  }

  /**
   * Opens a session for the person (in `manager`'s transaction when given) and answers its tokens;
   * 403 for an account an organisation admin disabled. The user row is read under a share lock, so a
   * disabling that commits meanwhile waits for this session and ends it too.
   */
  async start(user: Pick<UserEntity, 'id'>, client: ClientInfo, manager?: EntityManager): Promise<StartedSession> {
    if (!manager) return this.sessions.manager.transaction((m) => this.start(user, client, m));
    const [account] = (await manager.query(`SELECT "disabledAt" FROM "users" WHERE "id" = $1 FOR SHARE`, [user.id])) as { disabledAt: Date | null }[];
    if (account?.disabledAt) throw forbidden(AuthErrorCode.AccountDisabled, ACCOUNT_DISABLED_MESSAGE);
    const now = this.clock.now();
    const session = manager.create(SessionEntity, {
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000),
      revokedAt: null,
      userAgent: client.userAgent,
      ip: client.ip,
    });
    await manager.save(session);
    return { session, accessToken: await this.tokens.sign(session), csrfToken: this.csrf.for(session.id) };
  }

  /**
   * The person and open session an access token belongs to; null when the token, its session or
   * the account is not valid. With `setId`, the person's membership of that set comes in the same
   * statement (null when they are not in it), for the set role guard: one round trip per request.
   * Plain rows, no query builder or entity hydration: this runs on every request.
   */
  async authenticate(token: string, options: { setId?: string } = {}): Promise<Authenticated | null> {
    const now = this.clock.now();
    const withSet = options.setId !== undefined;
    // The same token read less than SESSION_REUSE_MS ago: its signature was checked then, and outside a set its session and person serve as read.
    const kept = this.reused(token, now);
    if (kept && !withSet) {
      await this.seen(kept.session, now);
      const user = copy(UserEntity, kept.user);
      return { user, session: Object.assign(copy(SessionEntity, kept.session), { user }), claims: kept.claims };
    }
    const claims = kept?.claims ?? (await this.tokens.verify(token));
    if (!claims) return null;
    const generation = this.generation;
    const { rows } = await this.pool.query<AuthenticatedRow>(withSet ? { name: 'authenticate-in-set', text: AUTHENTICATE_IN_SET, values: [claims.sid, claims.sub, now, options.setId] } : { name: 'authenticate', text: AUTHENTICATE, values: [claims.sid, claims.sub, now] });
    const [row] = rows;
    if (!row) {
      this.recent.delete(token);
      return null;
    }
    const { user, session, membership } = fromRow(row, withSet);
    // Kept only if nothing about the person changed while it was read (forgetUser).
    if (generation === this.generation) this.keep(token, claims, user, session);
    await this.seen(session, now);
    return withSet ? { user, session, claims, membership } : { user, session, claims };
  }

  /**
   * The person's account changed (profile, e-mail address, calendar token, deleted): this process
   * reads their sessions afresh on their next request. Other processes do within SESSION_REUSE_MS.
   */
  forgetUser(userId: string): void {
    this.generation++;
    for (const [token, kept] of this.recent) if (kept.user.id === userId) this.recent.delete(token);
  }

  /** What the token was found to be less than SESSION_REUSE_MS ago, unless its session was heard ended or expired since. */
  private reused(token: string, now: Date): KeptSession | null {
    const kept = this.recent.get(token);
    if (!kept) return null;
    if (performance.now() - kept.readAt >= this.config.SESSION_REUSE_MS || kept.claims.exp <= Math.floor(now.getTime() / 1000) || kept.session.expiresAt <= now || this.revocations.hasEnded(kept.session.id)) {
      this.recent.delete(token);
      return null;
    }
    return kept;
  }

  private keep(token: string, claims: AccessClaims, user: UserEntity, session: SessionEntity): void {
    if (this.config.SESSION_REUSE_MS === 0 || this.revocations.hasEnded(session.id)) return;
    this.recent.delete(token);
    const kept = copy(UserEntity, user);
    this.recent.set(token, { claims, user: kept, session: Object.assign(copy(SessionEntity, session), { user: kept }), readAt: performance.now() });
    // The oldest go first (a Map keeps insertion order; a token read again moved to the end).
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= SESSIONS_REUSED) break;
      this.recent.delete(oldest);
    }
  }

  /** Notes that the session was used, at most once a minute. */
  private async seen(session: Pick<SessionEntity, 'id' | 'lastSeenAt'>, now: Date): Promise<void> {
    if (now.getTime() - session.lastSeenAt.getTime() < SEEN_EVERY_MS) return;
    await this.pool.query(`UPDATE "sessions" SET "lastSeenAt" = $2 WHERE "id" = $1 AND "lastSeenAt" <= $3`, [session.id, now, new Date(now.getTime() - SEEN_EVERY_MS)]);
    session.lastSeenAt = now;
  }

  /** Whether a session is still open (the live gateway's periodic re-check). */
  async isOpen(sessionId: string): Promise<boolean> {
    if (this.revocations.hasEnded(sessionId)) return false;
    const rows = (await this.sessions.query(`SELECT 1 FROM "sessions" WHERE "id" = $1 AND "revokedAt" IS NULL AND "expiresAt" > $2`, [sessionId, this.clock.now()])) as unknown[];
    return rows.length > 0;
  }

  /** The person's open sessions, the most recently seen first. */
  list(userId: string): Promise<SessionEntity[]> {
    return this.sessions
      .createQueryBuilder('session')
      .where('session.userId = :userId AND session.revokedAt IS NULL AND session.expiresAt > :now', { userId, now: this.clock.now() })
      .orderBy('session.lastSeenAt', 'DESC')
      .addOrderBy('session.createdAt', 'DESC')
      .getMany();
  }

  /** Ends one open session of the person; false when they have no such open session. */
  async end(userId: string, sessionId: string, reason: string): Promise<boolean> {
    const ended = await this.endWhere(this.sessions.manager, `"userId" = $2 AND "id" = $3`, [userId, sessionId]);
    await this.announce(ended, reason);
    return ended.length > 0;
  }

  /** Ends the session an access token belongs to (signing out); false when the token names no open session. */
  async endByToken(token: string, reason: string): Promise<boolean> {
    const claims = await this.tokens.verify(token);
    return claims ? this.end(claims.sub, claims.sid, reason) : false;
  }

  /** Ends every open session of the person (signing out everywhere). */
  async endEverywhere(userId: string, reason: string): Promise<void> {
    await this.announce(await this.endAll(userId), reason);
  }

  /**
   * Ends every open session of the person but `except`, in `manager`'s transaction when given.
   * Answers their ids: pass them to `announce` once the transaction has committed.
   */
  endAll(userId: string, options: { except?: string; manager?: EntityManager } = {}): Promise<string[]> {
    const manager = options.manager ?? this.sessions.manager;
    return options.except ? this.endWhere(manager, `"userId" = $2 AND "id" <> $3`, [userId, options.except]) : this.endWhere(manager, `"userId" = $2`, [userId]);
  }

  /** Tells every process these sessions ended (their live connections close, with `reason`). */
  announce(sessionIds: string[], reason: string): Promise<void> {
    return this.revocations.announce({ sessionIds, reason });
  }

  /** Deletes sessions and account tokens that ended or expired more than KEEP_DAYS days ago. */
  async cleanUp(): Promise<void> {
    const before = this.clock.dateTime().minus({ days: KEEP_DAYS }).toJSDate();
    await this.sessions.query(`DELETE FROM "sessions" WHERE "expiresAt" < $1 OR "revokedAt" < $1`, [before]);
    await this.sessions.query(`DELETE FROM "account_tokens" WHERE "expiresAt" < $1`, [before]);
  }

  private async endWhere(manager: EntityManager, condition: string, parameters: unknown[]): Promise<string[]> {
    const now = this.clock.now();
    const [rows] = (await manager.query(`UPDATE "sessions" SET "revokedAt" = $1 WHERE ${condition} AND "revokedAt" IS NULL AND "expiresAt" > $1 RETURNING "id"`, [now, ...parameters])) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }
}

