import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { EntityManager, In } from 'typeorm';
import { RoundErrorCode, type QuestionKind, type RoundContributionResponse, type RoundPhase, type RoundPhaseName, type RoundResponse, type SetRole } from '@als/shared';
import { notFound } from '@api/common/domain-error';
import { AppConfig } from '@api/config/app-config';
import type { RoundMailContext, RoundMailPerson } from './round.mail';
import { RoundPhaseEntity } from './round.entities';
import { prepared } from '@api/database/prepared';

/** A round with the names its pages and e-mails show. */
export interface RoundRow {
  id: string;
  setId: string;
  setName: string;
  setTimeZone: string;
  title: string;
  caseText: string;
  presenterId: string;
  presenterName: string;
  moderatorId: string | null;
  phase: RoundPhase;
  pausedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
}

export type PhaseRow = Pick<RoundPhaseEntity, 'roundId' | 'name' | 'position' | 'endsAt' | 'openedAt' | 'closedAt'>;

export interface Participant extends RoundMailPerson {
  role: SetRole;
  roundEmails: 'immediate' | 'daily';
  /** Their `round_participants` row (reply address); null only for someone not yet enrolled. */
  participantId: string | null;
}

export type Enrolled = Participant & { participantId: string };

export interface ContributionRow {
  id: string;
  phase: RoundPhaseName;
  authorId: string;
  authorName: string;
  body: string;
  via: 'web' | 'email';
  kind: QuestionKind | null;
  replyToId: string | null;
  createdAt: Date;
}

/** A contribution to write (RoundStore.addContributions). */
export interface NewContribution {
  roundId: string;
  phase: RoundPhaseName;
  authorId: string;
  body: string;
  via: 'web' | 'email';
  kind: QuestionKind | null;
  clientId: string | null;
  messageId: string | null;
  replyToId: string | null;
}

/** A row as JSON gives it: its timestamps as ISO text. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** Someone who takes part, as the round page needs them. */
export type DetailPerson = Pick<Participant, 'id' | 'displayName' | 'role' | 'participantId'>;

/** What the round page reads, in one statement. */
export interface RoundDetailRows {
  round: RoundRow;
  phases: PhaseRow[];
  contributions: ContributionRow[];
  people: DetailPerson[];
}

const SELECT_CONTRIBUTIONS = `SELECT c."id", c."phase", c."authorId", u."displayName" AS "authorName", c."body", c."via", c."kind", c."replyToId", c."createdAt" FROM "round_contributions" c JOIN "users" u ON u."id" = c."authorId"`;

/**
 * How rounds are read, by every use case of the module, always through the caller's manager (so a
 * read under a round's lock sees the transaction's own writes): rounds with their names, phases,
 * contributions, participants with their reply addresses, and the round notifications' ledger.
 */
@Injectable()
export class RoundStore {
  constructor(private readonly config: AppConfig) {}

  roundUrl(roundId: string): string {
    return `${this.config.PUBLIC_URL}/rounds/${roundId}`;
  }

  /** The rounds with ids in `ids`, newest first. */
  async rounds(manager: EntityManager, ids: readonly string[]): Promise<RoundRow[]> {
    return this.where(manager, `r."id" = ANY($1)`, [ids]);
  }

  async round(manager: EntityManager, roundId: string): Promise<RoundRow> {
    const [round] = await this.rounds(manager, [roundId]);
    return round;
  }

  /** A set's rounds, newest first. */
  async ofSet(manager: EntityManager, setId: string): Promise<RoundRow[]> {
    return this.where(manager, `r."setId" = $1`, [setId]);
  }

  /** The round, locked for this transaction (every change to a round holds it): its row locked and read in one statement. */
  async lock(manager: EntityManager, roundId: string): Promise<RoundRow> {
    const [row] = isUUID(roundId) ? await this.where(manager, `r."id" = $1`, [roundId], `FOR UPDATE OF r`) : [];
    if (!row) throw notFound(RoundErrorCode.NotFound, 'Round not found.');
    return row;
  }

  /**
   * Several rounds locked for this transaction, in id order (every process that locks more than one
   * round at once takes them in this order, so two never wait for each other), each read as `lock`
   * reads one. A round that does not exist is absent from the answer.
   */
  async lockAll(manager: EntityManager, roundIds: readonly string[]): Promise<Map<string, RoundRow>> {
    const ids = [...new Set(roundIds.filter((id) => isUUID(id)))].sort();
    if (ids.length === 0) return new Map();
    // The rows are locked as the sorted rows come out (the lock is taken above the sort), so in id order.
    // Named (prepared) on the transaction's connection, so with its columns listed: a `*` whose table changed shape would abort the transaction.
    const rows = await prepared<RoundRow>(
      manager,
      'rounds-lock-all',
      `SELECT r."id", r."setId", r."title", r."caseText", r."presenterId", r."moderatorId", r."phase", r."pausedAt", r."closedAt", r."createdAt",
              s."name" AS "setName", s."timeZone" AS "setTimeZone", u."displayName" AS "presenterName"
         FROM "rounds" r JOIN "sets" s ON s."id" = r."setId" JOIN "users" u ON u."id" = r."presenterId" WHERE r."id" = ANY($1) ORDER BY r."id" FOR UPDATE OF r`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Someone about to write in a round whose lock the transaction holds: their role in its set (null
   * outside it), and the contribution they already made with this clientId, or that this Message-ID
   * made (null when none, or when neither is given). One statement, read after the lock was taken.
   */
  async callerIn(manager: EntityManager, round: Pick<RoundRow, 'id' | 'setId'>, userId: string, dedupe: { clientId: string | null; messageId: string | null }): Promise<{ role: SetRole | null; existingId: string | null }> {
    const [row] = (await manager.query(
      `SELECT (SELECT ms."role" FROM "set_memberships" ms WHERE ms."setId" = $2 AND ms."userId" = $3) AS "role",
              CASE WHEN $4::varchar IS NULL AND $5::varchar IS NULL THEN NULL
                   ELSE (SELECT c."id" FROM "round_contributions" c WHERE c."roundId" = $1 AND ((c."authorId" = $3 AND c."clientId" = $4) OR c."messageId" = $5) LIMIT 1) END AS "existingId"`,
      [round.id, round.setId, userId, dedupe.clientId, dedupe.messageId],
    )) as { role: SetRole | null; existingId: string | null }[];
    return row;
  }

  async phases(manager: EntityManager, roundId: string): Promise<PhaseRow[]> {
    return manager.find(RoundPhaseEntity, { where: { roundId }, order: { position: 'ASC' } });
  }

  /** The phases of several rounds, each round's in order. */
  async phasesOf(manager: EntityManager, roundIds: readonly string[]): Promise<PhaseRow[]> {
    return roundIds.length ? manager.find(RoundPhaseEntity, { where: { roundId: In([...roundIds]) }, order: { position: 'ASC' } }) : [];
  }

  async contributions(manager: EntityManager, roundId: string): Promise<ContributionRow[]> {
    return (await manager.query(`${SELECT_CONTRIBUTIONS} WHERE c."roundId" = $1 ORDER BY c."createdAt", c."id"`, [roundId])) as ContributionRow[];
  }

  /**
   * Contributions written, each with its author's count in the round, and read back in the order
   * given: one statement however many. They are dated `at` a microsecond apart, so that a round
   * lists them in that order.
   */
  async addContributions(manager: EntityManager, rows: readonly NewContribution[], at: Date): Promise<ContributionRow[]> {
    return prepared<ContributionRow>(
      manager,
      'contributions-add',
      `WITH i AS (SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::text[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::uuid[])
                   WITH ORDINALITY AS i("roundId", "phase", "authorId", "body", "via", "kind", "clientId", "messageId", "replyToId", "n")),
            c AS (INSERT INTO "round_contributions" ("roundId", "phase", "authorId", "body", "via", "kind", "clientId", "messageId", "replyToId", "createdAt")
                  SELECT "roundId", "phase", "authorId", "body", "via", "kind", "clientId", "messageId", "replyToId", $10::timestamptz + ("n" - 1) * interval '1 microsecond' FROM i ORDER BY "n"
                  RETURNING "id", "phase", "authorId", "body", "via", "kind", "replyToId", "createdAt"),
            counted AS (INSERT INTO "round_participants" ("roundId", "userId", "contributions") SELECT "roundId", "authorId", count(*) FROM i GROUP BY 1, 2
                        ON CONFLICT ON CONSTRAINT "UQ_round_participants" DO UPDATE SET "contributions" = "round_participants"."contributions" + EXCLUDED."contributions")
       SELECT c."id", c."phase", c."authorId", u."displayName" AS "authorName", c."body", c."via", c."kind", c."replyToId", c."createdAt" FROM c JOIN "users" u ON u."id" = c."authorId" ORDER BY c."createdAt"`,
      [
        rows.map((r) => r.roundId),
        rows.map((r) => r.phase),
        rows.map((r) => r.authorId),
        rows.map((r) => r.body),
        rows.map((r) => r.via),
        rows.map((r) => r.kind),
        rows.map((r) => r.clientId),
        rows.map((r) => r.messageId),
        rows.map((r) => r.replyToId),
        at,
      ],
    );
  }

  async contribution(manager: EntityManager, id: string): Promise<ContributionRow> {
    const [row] = (await manager.query(`${SELECT_CONTRIBUTIONS} WHERE c."id" = $1`, [id])) as ContributionRow[];
    return row;
  }

  /**
   * The round page's reads in one statement: the round with its names, its phases, its
   * contributions and the people who take part (each as one JSON array, in the orders `phases`,
   * `contributions` and `participants` give), so one round trip and one row to parse. Null when
   * there is no such round. The caller has already decided the reader may see its content.
   */
  async detail(manager: EntityManager, roundId: string): Promise<RoundDetailRows | null> {
    const [row] = await prepared<RoundRow & { phaseRows: Json<PhaseRow>[]; contributionRows: Json<ContributionRow>[]; peopleRows: DetailPerson[] }>(
      manager,
      'round-page',
      `SELECT r.*, s."name" AS "setName", s."timeZone" AS "setTimeZone", u."displayName" AS "presenterName",
              COALESCE((SELECT json_agg(json_build_object('roundId', p."roundId", 'name', p."name", 'position', p."position", 'endsAt', p."endsAt", 'openedAt', p."openedAt", 'closedAt', p."closedAt") ORDER BY p."position")
                          FROM "round_phases" p WHERE p."roundId" = r."id"), '[]'::json) AS "phaseRows",
              COALESCE((SELECT json_agg(json_build_object('id', c."id", 'phase', c."phase", 'authorId', c."authorId", 'authorName', cu."displayName", 'body', c."body", 'via', c."via", 'kind', c."kind", 'replyToId', c."replyToId", 'createdAt', c."createdAt") ORDER BY c."createdAt", c."id")
                          FROM "round_contributions" c JOIN "users" cu ON cu."id" = c."authorId" WHERE c."roundId" = r."id"), '[]'::json) AS "contributionRows",
              COALESCE((SELECT json_agg(json_build_object('id', pu."id", 'displayName', pu."displayName", 'role', ms."role", 'participantId', rp."id") ORDER BY ms."createdAt")
                          FROM "set_memberships" ms JOIN "users" pu ON pu."id" = ms."userId" LEFT JOIN "round_participants" rp ON rp."roundId" = r."id" AND rp."userId" = ms."userId"
                         WHERE ms."setId" = r."setId" AND ms."role" IN ('facilitator', 'member')), '[]'::json) AS "peopleRows"
         FROM "rounds" r JOIN "sets" s ON s."id" = r."setId" JOIN "users" u ON u."id" = r."presenterId" WHERE r."id" = $1`,
      [roundId],
    );
    if (!row) return null;
    const { phaseRows, contributionRows, peopleRows, ...round } = row;
    return {
      round,
      // JSON carries timestamps as text: back to dates, as the row readers give them.
      phases: phaseRows.map((p) => ({ ...p, endsAt: new Date(p.endsAt), openedAt: p.openedAt === null ? null : new Date(p.openedAt), closedAt: p.closedAt === null ? null : new Date(p.closedAt) })),
      contributions: contributionRows.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
      people: peopleRows,
    };
  }

  /** Everyone who takes part (facilitators and members), each with their reply address row. Reads only. */
  async participants(manager: EntityManager, round: Pick<RoundRow, 'id' | 'setId'>): Promise<Participant[]> {
    return (await manager.query(
      `SELECT u."id", u."email", u."displayName", u."timeZone", u."roundEmails", ms."role", rp."id" AS "participantId"
         FROM "set_memberships" ms JOIN "users" u ON u."id" = ms."userId" LEFT JOIN "round_participants" rp ON rp."roundId" = $1 AND rp."userId" = ms."userId"
        WHERE ms."setId" = $2 AND ms."role" IN ('facilitator', 'member') ORDER BY ms."createdAt"`,
      [round.id, round.setId],
    )) as Participant[];
  }

  /**
   * The participants with their reply addresses, for e-mails written under the round's lock.
   * People are enrolled when they join the set or open rounds; anyone still without a row (a
   * round opened before that was so) gets it here, in the writing transaction.
   */
  async enrolled(manager: EntityManager, round: Pick<RoundRow, 'id' | 'setId'>): Promise<Enrolled[]> {
    let people = await this.participants(manager, round);
    const missing = people.filter((p) => p.participantId === null).map((p) => p.id);
    if (missing.length) {
      await manager.query(`INSERT INTO "round_participants" ("roundId", "userId") SELECT $1, unnest($2::uuid[]) ON CONFLICT ON CONSTRAINT "UQ_round_participants" DO NOTHING`, [round.id, missing]);
      people = await this.participants(manager, round);
    }
    return people.filter((p): p is Enrolled => p.participantId !== null);
  }

  /** Records that `kind` went to this person for this round; false when it already had (so it is not sent twice). */
  async noteSent(manager: EntityManager, roundId: string, userId: string, kind: string): Promise<boolean> {
    const rows = (await manager.query(`INSERT INTO "round_notifications" ("roundId", "userId", "kind") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "kind"`, [roundId, userId, kind])) as unknown[];
    return rows.length === 1;
  }

  context(round: RoundRow): RoundMailContext {
    return { roundId: round.id, title: round.title, setName: round.setName, presenterName: round.presenterName, roundUrl: this.roundUrl(round.id), mailDomain: this.config.MAIL_DOMAIN };
  }

  private async where(manager: EntityManager, where: string, params: unknown[], lock = ''): Promise<RoundRow[]> {
    return (await manager.query(
      `SELECT r.*, s."name" AS "setName", s."timeZone" AS "setTimeZone", u."displayName" AS "presenterName" FROM "rounds" r JOIN "sets" s ON s."id" = r."setId" JOIN "users" u ON u."id" = r."presenterId" WHERE ${where} ORDER BY r."createdAt" DESC ${lock}`,
      params,
    )) as RoundRow[];
  }
}

export function toRoundResponse(round: RoundRow, phases: readonly PhaseRow[]): RoundResponse {
  return {
    id: round.id,
    setId: round.setId,
    title: round.title,
    phase: round.phase,
    phases: phases.map((p) => ({ name: p.name, endsAt: p.endsAt.toISOString(), openedAt: p.openedAt?.toISOString() ?? null, closedAt: p.closedAt?.toISOString() ?? null })),
    presenterId: round.presenterId,
    presenterName: round.presenterName,
    moderatorId: round.moderatorId,
    paused: round.pausedAt !== null,
    createdAt: round.createdAt.toISOString(),
    closedAt: round.closedAt?.toISOString() ?? null,
  };
}

export function toContribution(c: ContributionRow): RoundContributionResponse {
  return { id: c.id, phase: c.phase, authorId: c.authorId, authorName: c.authorName, body: c.body, via: c.via, kind: c.kind, replyToId: c.replyToId, createdAt: new Date(c.createdAt).toISOString() };
}
