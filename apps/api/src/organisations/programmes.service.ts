import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { csvCell } from '@api/cpd/cpd-records';
import { programmePdf } from './programme-pdf';
import { SetEntity } from '@api/sets/set.entity';
import { ProgrammeEntity, ProgrammeSetEntity } from './organisation.entities';
import { OrganisationsService } from './organisations.service';
import type { ProgrammeCreateDto, ProgrammeDetailResponseDto, ProgrammeEvaluationResponseDto, ProgrammeResponseDto } from './dto/programme.dto';

/**
 * Programmes: cohorts of an organisation's sets, with dates, whose figures the admins see across
 * the sets and export as CSV for commissioners (figures only, never content).
 */
@Injectable()
export class ProgrammesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationsService,
  ) {}

  async create(organisationId: string, dto: ProgrammeCreateDto): Promise<ProgrammeResponseDto> {
    if (dto.endsOn && dto.endsOn < dto.startsOn) throw new BadRequestException('endsOn must be on or after startsOn');
    const programme = await this.db.getRepository(ProgrammeEntity).save({ organisationId, name: dto.name, startsOn: dto.startsOn, endsOn: dto.endsOn ?? null });
    return { ...this.map(await this.db.getRepository(ProgrammeEntity).findOneByOrFail({ id: programme.id })), setIds: [] };
  }

  async list(organisationId: string): Promise<ProgrammeResponseDto[]> {
    const programmes = await this.db.getRepository(ProgrammeEntity).find({ where: { organisationId }, order: { startsOn: 'DESC', name: 'ASC' } });
    const links = programmes.length ? await this.db.getRepository(ProgrammeSetEntity).find({ where: { programmeId: In(programmes.map((p) => p.id)) } }) : [];
    return programmes.map((p) => ({ ...this.map(p), setIds: links.filter((l) => l.programmeId === p.id).map((l) => l.setId).sort() }));
  }

  async detail(organisationId: string, programmeId: string): Promise<ProgrammeDetailResponseDto> {
    const programme = await this.find(organisationId, programmeId);
    const setIds = await this.setIdsOf(programme.id);
    return { ...this.map(programme), setIds, sets: setIds.length ? await this.organisations.setSummaries(organisationId, setIds) : [] };
  }

  /** Replaces the programme's sets: each must be the organisation's and in no other of its programmes (409). */
  async setSets(organisationId: string, programmeId: string, setIds: string[]): Promise<ProgrammeDetailResponseDto> {
    const wanted = [...new Set(setIds)];
    await this.db.transaction(async (manager) => {
      const [programme] = (await manager.query(`SELECT "id" FROM "programmes" WHERE "id" = $1 AND "organisationId" = $2 FOR UPDATE`, [isUUID(programmeId) ? programmeId : null, organisationId])) as unknown[];
      if (!programme) throw new NotFoundException('Programme not found.');
      const ours = wanted.length ? await manager.find(SetEntity, { where: { id: In(wanted), organisationId }, select: { id: true } }) : [];
      const missing = wanted.filter((id) => !ours.some((s) => s.id === id));
      if (missing.length) throw new BadRequestException(`setIds: ${missing.join(', ')} ${missing.length === 1 ? 'is not a set' : 'are not sets'} of this organisation`);
      await manager.delete(ProgrammeSetEntity, { programmeId });
      try {
        if (wanted.length) await manager.insert(ProgrammeSetEntity, wanted.map((setId) => ({ programmeId, setId })));
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new ConflictException('setIds: a set is already in another programme; take it out of that one first.');
        throw error;
      }
    });
    return this.detail(organisationId, programmeId);
  }

  async evaluate(organisationId: string, programmeId: string, viewerId: string, exported: 'csv' | 'pdf' | null = null): Promise<ProgrammeEvaluationResponseDto> {
    const programme = await this.find(organisationId, programmeId);
    const setIds = await this.setIdsOf(programme.id);
    const sets = setIds.length ? await this.db.getRepository(SetEntity).find({ where: { id: In(setIds) }, order: { name: 'ASC', id: 'ASC' } }) : [];
    return { programmeId: programme.id, ...(await this.organisations.figuresOf(sets, viewerId, { organisationId, programmeId: programme.id, ...(exported ? { export: exported } : {}) })) };
  }

  /** The programme's figures, one row per set and a total, as CSV (formula cells neutralised). */
  async csv(organisationId: string, programmeId: string, viewerId: string): Promise<{ filename: string; body: string }> {
    const programme = await this.find(organisationId, programmeId);
    const figures = await this.evaluate(organisationId, programmeId, viewerId, 'csv');
    const header = ['Set', 'Meetings held', 'Attending replies', 'Apologies', 'Late apologies', 'Present in live sessions', 'Open questions', 'Closed questions', 'Leading questions', 'Advice', 'Airtime equity (Gini)', 'Ratings', 'Average rating', 'Actions', 'Done', 'Partly', 'Not done'];
    const rows: (string | number)[][] = figures.sets.map((e) => [
      e.set.name,
      e.meetings.length,
      e.meetings.reduce((t, m) => t + m.attending, 0),
      e.meetings.reduce((t, m) => t + m.apologies, 0),
      e.meetings.reduce((t, m) => t + m.lateApologies, 0),
      e.meetings.reduce((t, m) => t + (m.present ?? 0), 0),
      e.questionKinds.open,
      e.questionKinds.closed,
      e.questionKinds.leading,
      e.questionKinds.advice,
      e.equity.airtime,
      e.ratings.count,
      e.ratings.average ?? '',
      e.actions.total,
      e.actions.done,
      e.actions.partly,
      e.actions.notDone,
    ]);
    const a = figures.attendance;
    rows.push([`All sets of ${programme.name}`, a.meetings, a.attending, a.apologies, a.lateApologies, a.present, figures.questionKinds.open, figures.questionKinds.closed, figures.questionKinds.leading, figures.questionKinds.advice, figures.equity.airtime ?? '', figures.ratings.count, figures.ratings.average ?? '', figures.actions.total, figures.actions.done, figures.actions.partly, figures.actions.notDone]);
    const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
    return { filename: `programme-${programme.startsOn}.csv`, body: `\uFEFF${lines.join('\r\n')}\r\n` };
  }

  /** The same figures as the CSV, as a report one hands to a commissioner (figures only, never content or names). */
  async pdf(organisationId: string, programmeId: string, viewerId: string): Promise<{ filename: string; body: Buffer }> {
    const programme = await this.find(organisationId, programmeId);
    const [organisation] = (await this.db.query(`SELECT "name" FROM "organisations" WHERE "id" = $1`, [organisationId])) as { name: string }[];
    const figures = await this.evaluate(organisationId, programmeId, viewerId, 'pdf');
    return { filename: `programme-${programme.startsOn}.pdf`, body: await programmePdf(organisation.name, programme, figures) };
  }

  private async find(organisationId: string, programmeId: string): Promise<ProgrammeEntity> {
    const programme = isUUID(programmeId) ? await this.db.getRepository(ProgrammeEntity).findOneBy({ id: programmeId, organisationId }) : null;
    if (!programme) throw new NotFoundException('Programme not found.');
    return programme;
  }

  private async setIdsOf(programmeId: string): Promise<string[]> {
    return (await this.db.getRepository(ProgrammeSetEntity).find({ where: { programmeId } })).map((l) => l.setId).sort();
  }

  private map(p: ProgrammeEntity): Omit<ProgrammeResponseDto, 'setIds'> {
    return { id: p.id, organisationId: p.organisationId, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn };
  }
}
