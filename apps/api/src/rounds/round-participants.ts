import type { EntityManager } from 'typeorm';

/**
 * Gives a person who now takes part in a set (joined it, or was made a member) their place in
 * each of its rounds under way: the `round_participants` row that is their reply address. Run in
 * the transaction that made them a participant, so that reading a round never has to write.
 */
export async function enrolInOpenRounds(manager: EntityManager, setId: string, userId: string): Promise<void> {
  await manager.query(
    `INSERT INTO "round_participants" ("roundId", "userId")
     SELECT r."id", $2 FROM "rounds" r WHERE r."setId" = $1 AND r."phase" <> 'closed'
     ON CONFLICT ON CONSTRAINT "UQ_round_participants" DO NOTHING`,
    [setId, userId],
  );
}
