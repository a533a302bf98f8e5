import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { InvitationErrorCode, type InvitationStatus } from '@als/shared';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { enrolInOpenRounds } from '@api/rounds/round-participants';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { assertSetOpen, mapMembership } from '@api/sets/sets.service';
import type { MembershipResponseDto } from '@api/sets/dto/set.dto';
import type { UserEntity } from '@api/users/user.entity';
import { InvitationEntity } from './invitation.entity';
import { invitationMail } from './invitation.mail';
import { MailService } from '@api/mail/mail.service';
import {
  InvitationCreateDto,
  InvitationCreatedResponseDto,
  InvitationPreviewResponseDto,
  InvitationResponseDto,
} from './dto/invitation.dto';
import { conflict, forbidden, notFound } from '@api/common/domain-error';
import { acceptOnJoining } from '@api/contract/contract-versions';

export const INVITATION_VALID_DAYS = 14;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function invitationStatus(invitation: InvitationEntity, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

function mapInvitation(invitation: InvitationEntity, now: Date): InvitationResponseDto {
  return {
    id: invitation.id,
    setId: invitation.setId,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation, now),
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
    lastSentAt: invitation.lastSentAt.toISOString(),
  };
}

@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(InvitationEntity) private readonly invitations: Repository<InvitationEntity>,
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(inviter: UserEntity, setId: string, dto: InvitationCreateDto): Promise<InvitationCreatedResponseDto> {
    assertSetOpen(await this.dataSource.getRepository(SetEntity).findOneByOrFail({ id: setId }), 'invite people');
    const alreadyMember = await this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('membership')
      .innerJoin('membership.user', 'user')
      .where('membership.setId = :setId AND lower(user.email) = lower(:email)', { setId, email: dto.email })
      .getExists();
    if (alreadyMember) throw conflict(InvitationErrorCode.AlreadyMember, `${dto.email} is already in this set.`);
    const pending = await this.invitations
      .createQueryBuilder('invitation')
      .where('invitation.setId = :setId AND lower(invitation.email) = lower(:email)', { setId, email: dto.email })
      .andWhere('invitation.acceptedAt IS NULL AND invitation.revokedAt IS NULL AND invitation.expiresAt > :now', { now: this.clock.now() })
      .getExists();
    if (pending) throw conflict(InvitationErrorCode.AlreadyPending, `${dto.email} already has a pending invitation: re-send it instead.`);
    const invitation = this.invitations.create({ setId, email: dto.email, role: dto.role, invitedById: inviter.id });
    return this.issue(invitation, inviter);
  }

  async list(setId: string): Promise<InvitationResponseDto[]> {
    const rows = await this.invitations.find({ where: { setId }, order: { createdAt: 'DESC' } });
    const now = this.clock.now();
    return rows.map((row) => mapInvitation(row, now));
  }

  /** Sends the invitation again with a fresh link (the old link stops working) and a fresh expiry. */
  async resend(inviter: UserEntity, setId: string, invitationId: string): Promise<InvitationCreatedResponseDto> {
    const invitation = await this.findInSet(setId, invitationId);
    const status = invitationStatus(invitation, this.clock.now());
    if (status === 'accepted' || status === 'revoked') throw conflict(InvitationErrorCode.NotResendable, `This invitation was ${status}: it cannot be sent again.`);
    return this.issue(invitation, inviter);
  }

  async revoke(setId: string, invitationId: string): Promise<void> {
    const invitation = await this.findInSet(setId, invitationId);
    if (invitation.acceptedAt) throw conflict(InvitationErrorCode.AlreadyAccepted, 'This invitation was already accepted: remove the member instead.');
    if (invitation.revokedAt) return;
    invitation.revokedAt = this.clock.now();
    await this.invitations.save(invitation);
  }

  async preview(token: string): Promise<InvitationPreviewResponseDto> {
    const invitation = await this.invitations.findOne({ where: { tokenHash: hashToken(token) }, relations: { set: true, invitedBy: true } });
    if (!invitation) throw notFound(InvitationErrorCode.NotFound, 'This invitation link is not valid.');
    return {
      email: invitation.email,
      role: invitation.role,
      status: invitationStatus(invitation, this.clock.now()),
      expiresAt: invitation.expiresAt.toISOString(),
      setName: invitation.set.name,
      invitedBy: invitation.invitedBy?.displayName ?? 'The facilitator',
      groundRules: invitation.set.groundRules,
    };
  }

  /**
   * Accepting is single use, only by the invited address, and is accepting the set's ground rules.
   * Like every membership change it locks the set row first (then the invitation): the order in
   * which deleting an account (which may delete the set) takes them.
   */
  async accept(user: UserEntity, token: string): Promise<MembershipResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(InvitationEntity, { tokenHash: hashToken(token) });
      const [set] = found ? ((await manager.query(`SELECT "id" FROM "sets" WHERE "id" = $1 FOR UPDATE`, [found.setId])) as unknown[]) : [];
      const invitation = set ? await manager.findOne(InvitationEntity, { where: { id: found!.id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!invitation) throw notFound(InvitationErrorCode.NotFound, 'This invitation link is not valid.');
      const now = this.clock.now();
      const status = invitationStatus(invitation, now);
      if (status !== 'pending') {
        const why: Record<Exclude<InvitationStatus, 'pending'>, string> = { accepted: 'has already been used', revoked: 'was withdrawn by the facilitator', expired: 'has expired: ask the facilitator to send it again' };
        throw conflict(InvitationErrorCode.Unusable, `This invitation ${why[status]}.`);
      }
      if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
        throw forbidden(InvitationErrorCode.WrongAccount, `This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
      }
      if (await manager.existsBy(MembershipEntity, { setId: invitation.setId, userId: user.id })) {
        throw conflict(InvitationErrorCode.AlreadyMember, 'You are already in this set.');
      }
      const membership = await manager.save(
        manager.create(MembershipEntity, { setId: invitation.setId, userId: user.id, role: invitation.role, groundRulesAcceptedAt: now }),
      );
      if (invitation.role !== 'sponsor') await enrolInOpenRounds(manager, invitation.setId, user.id);
      // Accepting is accepting the ground rules in force: the set's current contract version, if it agreed one.
      await acceptOnJoining(manager, invitation.setId, user.id, now);
      invitation.acceptedAt = now;
      invitation.acceptedById = user.id;
      await manager.save(invitation);
      return mapMembership(membership);
    });
  }

  private async findInSet(setId: string, invitationId: string): Promise<InvitationEntity> {
    const found = isUUID(invitationId) ? await this.invitations.findOneBy({ id: invitationId, setId }) : null;
    if (!found) throw notFound(InvitationErrorCode.NotFound, 'Invitation not found.');
    return found;
  }

  private async issue(invitation: InvitationEntity, inviter: UserEntity): Promise<InvitationCreatedResponseDto> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.dateTime();
    invitation.tokenHash = hashToken(token);
    invitation.expiresAt = now.plus({ days: INVITATION_VALID_DAYS }).toJSDate();
    invitation.lastSentAt = now.toJSDate();
    const saved = await this.invitations.save(invitation);
    const set = await this.dataSource.getRepository(SetEntity).findOneByOrFail({ id: invitation.setId });
    await this.mail.send(invitationMail({ set, invitation: saved, inviter, link: `${this.config.PUBLIC_URL}/invitations/${token}` }));
    return { ...mapInvitation(saved, now.toJSDate()), token };
  }
}
