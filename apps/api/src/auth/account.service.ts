import { createHash, randomBytes } from 'node:crypto';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AuthErrorCode, EMAIL_CHANGE_HOURS, PASSWORD_RESET_MINUTES } from '@als/shared';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { OutboxService } from '@api/mail/outbox.service';
import { UserEntity } from '@api/users/user.entity';
import type { AccountTokenPurpose } from './account-token.entity';
import { emailChangeConfirmMail, emailChangedMail, passwordChangedMail, passwordResetMail } from './account.mail';
import { AuthService } from './auth.service';
import type { EmailChangeDto, PasswordChangeDto, PasswordResetCompleteDto } from './dto/account.dto';
import { hashPassword, passwordMatchesHash } from './passwords';
import { type ClientInfo, SessionsService, type StartedSession } from './sessions.service';
import { SignInLimits } from './sign-in-limits';
import { badRequest, conflict, type DomainError } from '@api/common/domain-error';

export const PASSWORD_RESET_ACCEPTED = `If an account uses this address, we have sent it a link to choose a new password. The link works once, for ${PASSWORD_RESET_MINUTES} minutes.`;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A 400 naming one field, in the validation pipe's shape, so a form shows it beside that field. */
function fieldError(code: AuthErrorCode, field: string, message: string): DomainError {
  return badRequest(code, message, field);
}

const isUniqueViolation = (error: unknown) => error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/**
 * What a person does with their own account: reset a forgotten password by e-mail, change the
 * password, change the e-mail address (confirmed from the new address). Secrets sent by e-mail are
 * single-use and stored only as their SHA-256; using one spends it in the statement that checks
 * it, so two uses racing each other cannot both succeed. Every change notifies the account's
 * address through the outbox, in the transaction that makes it.
 */
@Injectable()
export class AccountService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AccountService.name);
  /** Reset requests being handled after their answer went out. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly limits: SignInLimits,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /** Resolves once the reset requests answered so far have been handled (their e-mails queued). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /**
   * Asks for a reset link. The answer is the same, and as quick, whether or not an account uses
   * the address: the lookup, the token and the e-mail happen after it, in the background.
   */
  async requestPasswordReset(email: string, client: ClientInfo): Promise<{ message: string }> {
    await this.limits.attempt('password-reset', { address: client.ip, account: email });
    const work: Promise<void> = this.sendPasswordReset(email)
      .catch((error: unknown) => this.logger.error({ msg: 'password reset e-mail failed', error: String(error) }))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
    return { message: PASSWORD_RESET_ACCEPTED };
  }

  /** Sets the new password with a reset link's token: the token is spent, every earlier session ends, and a new one starts. */
  async completePasswordReset(dto: PasswordResetCompleteDto, client: ClientInfo): Promise<StartedSession> {
    const passwordHash = await hashPassword(dto.password);
    const now = this.clock.now();
    const { ended, started } = await this.db.transaction(async (manager) => {
      const userId = (await this.spend(manager, 'password-reset', dto.token))?.userId;
      if (!userId) throw fieldError(AuthErrorCode.TokenInvalid, 'token', `token is not valid any more: a reset link works once, for ${PASSWORD_RESET_MINUTES} minutes. Ask for a new one.`);
      const user = await manager.findOneByOrFail(UserEntity, { id: userId });
      await manager.update(UserEntity, { id: userId }, { passwordHash });
      // Any other reset link sent before goes with it.
      await manager.query(`UPDATE "account_tokens" SET "usedAt" = $2 WHERE "userId" = $1 AND "purpose" = 'password-reset' AND "usedAt" IS NULL`, [userId, now]);
      const endedIds = await this.sessions.endAll(userId, { manager });
      await this.outbox.enqueue([passwordChangedMail(user, now, 'reset')], manager);
      return { ended: endedIds, started: await this.sessions.start(user, client, manager) };
    });
    await this.sessions.announce(ended, 'Your password was changed: sign in again with the new one.');
    this.outbox.kick();
    return started;
  }

  /** Changes the password of the signed-in person: every other session of theirs ends, this one stays. */
  async changePassword(user: UserEntity, sessionId: string, dto: PasswordChangeDto, client: ClientInfo): Promise<void> {
    await this.limits.attempt('password-change', { address: client.ip, account: user.id });
    const passwordHash = await hashPassword(dto.newPassword);
    const now = this.clock.now();
    const ended = await this.db.transaction(async (manager) => {
      // The row lock makes two changes at once take turns: the second is checked against the password the first set.
      const [row] = (await manager.query(`SELECT "passwordHash" FROM "users" WHERE "id" = $1 FOR UPDATE`, [user.id])) as { passwordHash: string }[];
      if (!row || !(await passwordMatchesHash(row.passwordHash, dto.currentPassword))) throw fieldError(AuthErrorCode.WrongPassword, 'currentPassword', 'currentPassword is not your current password.');
      await manager.update(UserEntity, { id: user.id }, { passwordHash });
      const endedIds = await this.sessions.endAll(user.id, { except: sessionId, manager });
      await this.outbox.enqueue([passwordChangedMail(user, now, 'changed')], manager);
      return endedIds;
    });
    await this.sessions.announce(ended, 'Your password was changed: sign in again with the new one.');
    this.outbox.kick();
  }

  /** Sends a confirmation link to the new address; the address changes only when it is opened. */
  async requestEmailChange(user: UserEntity, dto: EmailChangeDto, client: ClientInfo): Promise<{ message: string }> {
    await this.limits.attempt('email-change', { address: client.ip, account: user.id });
    if (!(await this.auth.passwordMatches(user.id, dto.password))) throw fieldError(AuthErrorCode.WrongPassword, 'password', 'password is not your password.');
    if (dto.newEmail.toLowerCase() === user.email.toLowerCase()) throw fieldError(AuthErrorCode.SameEmail, 'newEmail', 'newEmail is already the address of your account.');
    if (await this.auth.findByEmail(dto.newEmail)) throw conflict(AuthErrorCode.EmailTaken, 'An account with this e-mail address already exists.');
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.db.transaction(async (manager) => {
      // Only the latest request's link works.
      await manager.query(`UPDATE "account_tokens" SET "usedAt" = $2 WHERE "userId" = $1 AND "purpose" = 'email-change' AND "usedAt" IS NULL`, [user.id, now]);
      await this.insertToken(manager, user.id, 'email-change', token, this.clock.dateTime().plus({ hours: EMAIL_CHANGE_HOURS }).toJSDate(), dto.newEmail);
      await this.outbox.enqueue([emailChangeConfirmMail(user, dto.newEmail, `${this.config.PUBLIC_URL}/confirm-email/${token}`)], manager);
    });
    this.outbox.kick();
    return { message: `We have sent a link to ${dto.newEmail}. Open it within ${EMAIL_CHANGE_HOURS} hours to start using that address; until then e-mails keep going to ${user.email}.` };
  }

  /** Confirms a new address with the token sent to it: the account's address changes, and the old address is told. */
  async confirmEmailChange(token: string): Promise<{ email: string }> {
    const now = this.clock.now();
    try {
      const changed = await this.db.transaction(async (manager) => {
        const row = await this.spend(manager, 'email-change', token);
        if (!row?.newEmail) throw fieldError(AuthErrorCode.TokenInvalid, 'token', `token is not valid any more: a confirmation link works once, for ${EMAIL_CHANGE_HOURS} hours. Ask for a new one from your account page.`);
        const [user] = (await manager.query(`SELECT "id", "email", "displayName", "timeZone" FROM "users" WHERE "id" = $1 FOR UPDATE`, [row.userId])) as Pick<UserEntity, 'id' | 'email' | 'displayName' | 'timeZone'>[];
        await manager.update(UserEntity, { id: user.id }, { email: row.newEmail });
        await this.outbox.enqueue([emailChangedMail(user, user.email, row.newEmail, now)], manager);
        return { userId: user.id, email: row.newEmail };
      });
      this.sessions.forgetUser(changed.userId);
      this.outbox.kick();
      return { email: changed.email };
    } catch (error) {
      // Someone else took the address meanwhile (the unique index on lower(email) decides).
      if (isUniqueViolation(error)) throw conflict(AuthErrorCode.EmailTaken, 'An account with this e-mail address already exists.');
      throw error;
    }
  }

  private async sendPasswordReset(email: string): Promise<void> {
    const user = await this.auth.findByEmail(email);
    if (!user) return;
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (manager) => {
      await this.insertToken(manager, user.id, 'password-reset', token, this.clock.dateTime().plus({ minutes: PASSWORD_RESET_MINUTES }).toJSDate(), null);
      await this.outbox.enqueue([passwordResetMail(user, `${this.config.PUBLIC_URL}/reset-password/${token}`)], manager);
    });
    this.outbox.kick();
  }

  private async insertToken(manager: EntityManager, userId: string, purpose: AccountTokenPurpose, token: string, expiresAt: Date, newEmail: string | null): Promise<void> {
    await manager.query(`INSERT INTO "account_tokens" ("userId", "purpose", "tokenHash", "newEmail", "createdAt", "expiresAt") VALUES ($1, $2, $3, $4, $5, $6)`, [userId, purpose, hashToken(token), newEmail, this.clock.now(), expiresAt]);
  }

  /** Spends an unused, unexpired token of that purpose in one statement; answers whose it was (and the new address it carries), or null. */
  private async spend(manager: EntityManager, purpose: AccountTokenPurpose, token: string): Promise<{ userId: string; newEmail: string | null } | null> {
    const [rows] = (await manager.query(
      `UPDATE "account_tokens" SET "usedAt" = $3 WHERE "tokenHash" = $1 AND "purpose" = $2 AND "usedAt" IS NULL AND "expiresAt" > $3 RETURNING "userId", "newEmail"`,
      [hashToken(token), purpose, this.clock.now()],
    )) as [{ userId: string; newEmail: string | null }[], number];
    return rows[0] ?? null;
  }
}
