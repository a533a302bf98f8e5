import { createHash, randomBytes } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { InvitationStatus, OrganisationRole } from '@als/shared';
import { SessionsService } from '@api/auth/sessions.service';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { OutboxService } from '@api/mail/outbox.service';
import type { UserEntity } from '@api/users/user.entity';
import { OrganisationEntity, OrganisationInvitationEntity, OrganisationMembershipEntity } from './organisation.entities';
import { organisationInvitationMail } from './organisation.mail';
import type {
  OrganisationInvitationCreatedResponseDto,
  OrganisationInvitationPreviewResponseDto,
  OrganisationInvitationResponseDto,
  OrganisationMembershipResponseDto,
  OrganisationPeopleResponseDto,
  OrganisationPersonAddDto,
} from './dto/organisation.dto';

export const ORGANISATION_INVITATION_VALID_DAYS = 14;
/** The words a disabled person's live connections close with. */
export const DISABLED_REASON = 'Your account was disabled by an admin of your organisation.';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function statusOf(invitation: OrganisationInvitationEntity, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

function mapInvitation(invitation: OrganisationInvitationEntity, now: Date): OrganisationInvitationResponseDto {
  return {
    id: invitation.id,
    organisationId: invitation.organisationId,
    email: invitation.email,
    role: invitation.role,
    status: statusOf(invitation, now),
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}

/**
 * An organisation's people: invited by e-mail (joining on accepting, as for sets), listed with who
 * has not yet accepted, disabled and enabled by its admins, and leaving. Leaving takes only the
 * place in the organisation: a person's learning log, CPD records and credentials are their own.
 */
@Injectable()
export class OrganisationPeopleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async invite(inviter: UserEntity, organisationId: string, dto: OrganisationPersonAddDto): Promise<OrganisationInvitationCreatedResponseDto> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.dateTime();
    const invitation = await this.db.transaction(async (manager) => {
      const organisation = await manager.findOne(OrganisationEntity, { where: { id: organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!organisation) throw new NotFoundException('Organisation not found.');
      const alreadyIn = await manager
        .createQueryBuilder(OrganisationMembershipEntity, 'membership')
        .innerJoin('membership.user', 'user')
        .where('membership.organisationId = :organisationId AND lower(user.email) = lower(:email)', { organisationId, email: dto.email })
        .getExists();
      if (alreadyIn) throw new ConflictException(`${dto.email} is already in this organisation.`);
      const pending = await manager
        .createQueryBuilder(OrganisationInvitationEntity, 'invitation')
        .where('invitation.organisationId = :organisationId AND lower(invitation.email) = lower(:email)', { organisationId, email: dto.email })
        .andWhere('invitation.acceptedAt IS NULL AND invitation.expiresAt > :now', { now: now.toJSDate() })
        .getExists();
      if (pending) throw new ConflictException(`${dto.email} already has a pending invitation to this organisation.`);
      const saved = await manager.save(
        manager.create(OrganisationInvitationEntity, {
          organisationId,
          email: dto.email,
          role: dto.role,
          tokenHash: hashToken(token),
          invitedById: inviter.id,
          expiresAt: now.plus({ days: ORGANISATION_INVITATION_VALID_DAYS }).toJSDate(),
        }),
      );
      const link = `${this.config.PUBLIC_URL}/organisation-invitations/${token}`;
      await this.outbox.enqueue([organisationInvitationMail({ organisationName: organisation.name, email: dto.email, role: dto.role, inviterName: inviter.displayName, expiresAt: saved.expiresAt, link })], manager);
      return saved;
    });
    this.outbox.kick();
    return { ...mapInvitation(invitation, now.toJSDate()), token };
  }

  /** The organisation's people and the invitations not yet accepted. */
  async list(organisationId: string): Promise<OrganisationPeopleResponseDto> {
    const people = (await this.db.query(
      `SELECT om."userId", u."displayName", u."email", om."role", u."disabledAt", om."createdAt"
         FROM "organisation_memberships" om JOIN "users" u ON u."id" = om."userId"
        WHERE om."organisationId" = $1 ORDER BY u."displayName", u."id"`,
      [organisationId],
    )) as { userId: string; displayName: string; email: string; role: OrganisationRole; disabledAt: Date | null; createdAt: Date }[];
    const invitations = await this.db.getRepository(OrganisationInvitationEntity).find({ where: { organisationId }, order: { createdAt: 'DESC' } });
    const now = this.clock.now();
    return {
      people: people.map((p) => ({ userId: p.userId, displayName: p.displayName, email: p.email, role: p.role, disabledAt: p.disabledAt ? new Date(p.disabledAt).toISOString() : null, joinedAt: new Date(p.createdAt).toISOString() })),
      notYetAccepted: invitations.filter((i) => !i.acceptedAt).map((i) => mapInvitation(i, now)),
    };
  }

  async preview(token: string): Promise<OrganisationInvitationPreviewResponseDto> {
    const invitation = await this.db.getRepository(OrganisationInvitationEntity).findOne({ where: { tokenHash: hashToken(token) }, relations: { organisation: true, invitedBy: true } });
    if (!invitation) throw new NotFoundException('This invitation link is not valid.');
    return {
      email: invitation.email,
      role: invitation.role,
      status: statusOf(invitation, this.clock.now()),
      expiresAt: invitation.expiresAt.toISOString(),
      organisationName: invitation.organisation.name,
      invitedBy: invitation.invitedBy?.displayName ?? 'An admin',
    };
  }

  /** Single use, only by the invited address; under the organisation's row, then the invitation's. */
  async accept(user: UserEntity, token: string): Promise<OrganisationMembershipResponseDto> {
    return this.db.transaction(async (manager) => {
      const found = await manager.findOneBy(OrganisationInvitationEntity, { tokenHash: hashToken(token) });
      const organisation = found ? await manager.findOne(OrganisationEntity, { where: { id: found.organisationId }, lock: { mode: 'pessimistic_write' } }) : null;
      const invitation = organisation ? await manager.findOne(OrganisationInvitationEntity, { where: { id: found!.id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!invitation) throw new NotFoundException('This invitation link is not valid.');
      const now = this.clock.now();
      const status = statusOf(invitation, now);
      if (status === 'accepted') throw new ConflictException('This invitation has already been used.');
      if (status !== 'pending') throw new ConflictException('This invitation has expired: ask an admin of the organisation to invite you again.');
      if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
        throw new ForbiddenException(`This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
      }
      if (await manager.existsBy(OrganisationMembershipEntity, { organisationId: invitation.organisationId, userId: user.id })) {
        throw new ConflictException('You are already in this organisation.');
      }
      await manager.insert(OrganisationMembershipEntity, { organisationId: invitation.organisationId, userId: user.id, role: invitation.role });
      invitation.acceptedAt = now;
      invitation.acceptedById = user.id;
      await manager.save(invitation);
      return { organisationId: invitation.organisationId, userId: user.id, role: invitation.role };
    });
  }

  /**
   * Disables a person's account: every session of theirs ends at once, everywhere (REST 401, live
   * connections closed through SessionRevocations), and no sign-in opens a new one until an admin
   * enables it (SessionsService.start reads `disabledAt` under a share lock of the user row, which
   * the UPDATE here waits for, so a sign-in racing this ends with the rest).
   */
  async disable(caller: OrganisationMembershipEntity, userId: string): Promise<void> {
    const ended = await this.db.transaction(async (manager) => {
      await this.personIn(manager, caller.organisationId, userId);
      if (userId === caller.userId) throw new ConflictException('You cannot disable your own account.');
      await manager.query(`UPDATE "users" SET "disabledAt" = coalesce("disabledAt", $2) WHERE "id" = $1`, [userId, this.clock.now()]);
      return this.sessions.endAll(userId, { manager });
    });
    await this.sessions.announce(ended, DISABLED_REASON);
  }

  async enable(caller: OrganisationMembershipEntity, userId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.personIn(manager, caller.organisationId, userId);
      await manager.query(`UPDATE "users" SET "disabledAt" = NULL WHERE "id" = $1`, [userId]);
    });
  }

  /**
   * An admin removes a person, or a person leaves (their own userId). The organisation keeps at
   * least one admin (decided under its row). Only the place in the organisation goes.
   */
  async remove(caller: OrganisationMembershipEntity, userId: string): Promise<void> {
    if (caller.role !== 'admin' && userId !== caller.userId) throw new ForbiddenException('Only an admin of this organisation can remove someone else.');
    await this.db.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM "organisations" WHERE "id" = $1 FOR UPDATE`, [caller.organisationId]);
      const target = await this.personIn(manager, caller.organisationId, userId);
      if (target.role === 'admin') {
        const [{ admins }] = (await manager.query(`SELECT count(*)::int AS "admins" FROM "organisation_memberships" WHERE "organisationId" = $1 AND "role" = 'admin'`, [caller.organisationId])) as { admins: number }[];
        if (admins <= 1) throw new ConflictException('The organisation needs at least one admin: make someone else an admin first.');
      }
      await manager.delete(OrganisationMembershipEntity, { id: target.id });
    });
  }

  private async personIn(manager: DataSource['manager'], organisationId: string, userId: string): Promise<OrganisationMembershipEntity> {
    const person = isUUID(userId) ? await manager.findOneBy(OrganisationMembershipEntity, { organisationId, userId }) : null;
    if (!person) throw new NotFoundException('Person not found in this organisation.');
    return person;
  }
}
