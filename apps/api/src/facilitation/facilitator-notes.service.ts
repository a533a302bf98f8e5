import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { FacilitationErrorCode, type SetRole } from '@als/shared';
import { forbidden } from '@api/common/domain-error';
import { MeetingAccessPolicy } from '@api/meetings/meeting-access.policy';
import type { UserEntity } from '@api/users/user.entity';
import { FacilitatorNoteDto, FacilitatorNoteResponseDto, mapNote } from './dto/facilitation.dto';
import { FacilitatorNoteEntity } from './facilitator-note.entity';

const NOTES_ONLY = 'Notes are for the set’s facilitators and the people who facilitate its meetings.';

/**
 * The facilitator's private notes: one on each set and one on each meeting (with the reflection
 * after its session), for the set's facilitators and for the people the rota names. Each is its
 * author's alone: read and written by author, never listed for anyone else, and nothing else in
 * the platform (records, CPD, exports, evaluation, organisations) reads the table.
 */
@Injectable()
export class FacilitatorNotesService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: MeetingAccessPolicy,
  ) {}

  async meetingNote(user: UserEntity, meetingId: string): Promise<FacilitatorNoteResponseDto> {
    const { setId, meetingId: id } = await this.meetingAuthor(user, meetingId, this.db.manager);
    return mapNote(setId, id, await this.db.manager.findOneBy(FacilitatorNoteEntity, { authorId: user.id, meetingId: id }));
  }

  async setNote(user: UserEntity, setId: string, role: SetRole): Promise<FacilitatorNoteResponseDto> {
    await this.setAuthor(user, setId, role, this.db.manager);
    return mapNote(setId, null, await this.db.manager.findOneBy(FacilitatorNoteEntity, { authorId: user.id, setId, meetingId: IsNull() }));
  }

  writeMeetingNote(user: UserEntity, meetingId: string, dto: FacilitatorNoteDto): Promise<FacilitatorNoteResponseDto> {
    return this.db.transaction(async (manager) => {
      const { setId, meetingId: id } = await this.meetingAuthor(user, meetingId, manager);
      return mapNote(setId, id, await this.upsert(manager, user.id, setId, id, dto));
    });
  }

  writeSetNote(user: UserEntity, setId: string, role: SetRole, dto: FacilitatorNoteDto): Promise<FacilitatorNoteResponseDto> {
    return this.db.transaction(async (manager) => {
      await this.setAuthor(user, setId, role, manager);
      return mapNote(setId, null, await this.upsert(manager, user.id, setId, null, dto));
    });
  }

  /** One statement: the note is created or its given fields replaced (two saves at once: the last wins, never two notes). */
  private async upsert(manager: EntityManager, authorId: string, setId: string, meetingId: string | null, dto: FacilitatorNoteDto): Promise<FacilitatorNoteEntity> {
    const fields = { body: dto.body, wentWell: dto.wentWell, doDifferently: dto.doDifferently, forSupervision: dto.forSupervision };
    const given = Object.entries(fields).filter(([, v]) => v !== undefined) as [keyof typeof fields, string][];
    const conflictTarget = meetingId === null ? `("authorId", "setId") WHERE "meetingId" IS NULL` : `("authorId", "meetingId") WHERE "meetingId" IS NOT NULL`;
    const columns = given.map(([k]) => `"${k}"`);
    const values = given.map((_, i) => `$${i + 4}`);
    const updates = [...given.map(([k]) => `"${k}" = EXCLUDED."${k}"`), `"updatedAt" = now()`];
    const [row] = (await manager.query(
      `INSERT INTO "facilitator_notes" ("authorId", "setId", "meetingId"${columns.map((c) => `, ${c}`).join('')}) VALUES ($1, $2, $3${values.map((v) => `, ${v}`).join('')})
       ON CONFLICT ${conflictTarget} DO UPDATE SET ${updates.join(', ')} RETURNING "id"`,
      [authorId, setId, meetingId, ...given.map(([, v]) => v)],
    )) as { id: string }[];
    return manager.findOneByOrFail(FacilitatorNoteEntity, { id: row.id });
  }

  /** A meeting's note: the set's facilitators and the meeting's facilitator and co-facilitator (others in the set 403, outside it 404). */
  private async meetingAuthor(user: UserEntity, meetingId: string, manager: EntityManager): Promise<{ setId: string; meetingId: string }> {
    const access = await this.policy.requireMeeting(user.id, meetingId, ['facilitator', 'member'], manager);
    if (access.role !== 'facilitator' && !access.facilitates) throw forbidden(FacilitationErrorCode.NotesFacilitatorOnly, NOTES_ONLY);
    return { setId: access.setId, meetingId: access.meetingId };
  }

  /** A set's note: its facilitators, and members the rota names for one of its meetings. */
  private async setAuthor(user: UserEntity, setId: string, role: SetRole, manager: EntityManager): Promise<void> {
    if (role === 'facilitator') return;
    if (role !== 'member') throw forbidden(FacilitationErrorCode.NotesFacilitatorOnly, NOTES_ONLY);
    const [named] = (await manager.query(`SELECT 1 FROM "meetings" WHERE "setId" = $1 AND $2 IN ("facilitatorId", "coFacilitatorId") LIMIT 1`, [setId, user.id])) as unknown[];
    if (!named) throw forbidden(FacilitationErrorCode.NotesFacilitatorOnly, NOTES_ONLY);
  }
}

