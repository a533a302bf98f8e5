import type { EntityManager } from 'typeorm';
import type { LiveContractSetup, LiveEventPayloads } from '@als/shared';

/*
 * The set's contract in the database, for the callers that change it inside their own
 * transaction: the live session recording an agreement (with the event, LiveSessionsService.write)
 * and an invitation's acceptance. Every change of versions and acceptances takes the set row
 * first (FOR UPDATE), the lock membership changes take: so a version number is given once, and
 * someone joining while a version is agreed accepts exactly the version current when they joined.
 */

/** What a live session starts with: the text in force, and whether the set has yet to agree one in a meeting. */
export async function contractSetup(manager: EntityManager, setId: string): Promise<LiveContractSetup> {
  const [row] = (await manager.query(
    `SELECT s."groundRules" AS "draft", v."text" AS "agreed"
       FROM "sets" s LEFT JOIN LATERAL (SELECT "text" FROM "set_contract_versions" WHERE "setId" = s."id" ORDER BY "version" DESC LIMIT 1) v ON true
      WHERE s."id" = $1`,
    [setId],
  )) as { draft: string; agreed: string | null }[];
  return { text: row.agreed ?? row.draft, firstMeeting: row.agreed === null };
}

/**
 * Keeps the text a meeting agreed as the set's next version, with who was present (those still in
 * the set count as having accepted it), and makes it the ground rules new invitations show.
 */
export async function recordAgreement(manager: EntityManager, meetingId: string, agreement: LiveEventPayloads['contractAgreed'], agreedById: string | null): Promise<number> {
  const [set] = (await manager.query(`SELECT s."id" FROM "sets" s JOIN "meetings" m ON m."setId" = s."id" WHERE m."id" = $1 FOR UPDATE OF s`, [meetingId])) as { id: string }[];
  const [{ version }] = (await manager.query(
    `INSERT INTO "set_contract_versions" ("setId", "version", "text", "agreedAt", "meetingId", "agreedById", "presentIds")
     SELECT $1, COALESCE(MAX("version"), 0) + 1, $2, $3, $4, $5, $6::uuid[] FROM "set_contract_versions" WHERE "setId" = $1
     RETURNING "version"`,
    [set.id, agreement.text, agreement.at, meetingId, agreedById, agreement.presentIds],
  )) as { version: number }[];
  await manager.query(`UPDATE "sets" SET "groundRules" = $2, "updatedAt" = now() WHERE "id" = $1`, [set.id, agreement.text]);
  await manager.query(
    `INSERT INTO "set_contract_acceptances" ("setId", "userId", "version", "acceptedAt", "via")
     SELECT $1, ms."userId", $2, $3, 'meeting' FROM "set_memberships" ms WHERE ms."setId" = $1 AND ms."userId" = ANY($4::uuid[])
     ON CONFLICT DO NOTHING`,
    [set.id, version, agreement.at, agreement.presentIds],
  );
  return version;
}

/** Someone joining the set (its row already locked by the caller) accepts the version in force, if the set has agreed one. */
export async function acceptOnJoining(manager: EntityManager, setId: string, userId: string, at: Date): Promise<void> {
  await manager.query(
    `INSERT INTO "set_contract_acceptances" ("setId", "userId", "version", "acceptedAt", "via")
     SELECT $1, $2, MAX("version"), $3, 'invitation' FROM "set_contract_versions" WHERE "setId" = $1 HAVING MAX("version") IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [setId, userId, at],
  );
}
