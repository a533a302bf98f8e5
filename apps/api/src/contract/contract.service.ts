import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ContractErrorCode, type ContractPerson, type SetContractResponse, type SetContractVersion } from '@als/shared';
import { Clock } from '@api/common/clock';
import { conflict } from '@api/common/domain-error';
import { assertSetOpen } from '@api/sets/sets.service';
import type { MembershipEntity } from '@api/sets/membership.entity';
import type { SetEntity } from '@api/sets/set.entity';

const FORMER_MEMBER = 'a former member';

interface VersionRow {
  version: number;
  text: string;
  agreedAt: Date;
  meetingId: string | null;
  present: ContractPerson[];
  acceptedBy: ContractPerson[];
}

/**
 * A set's contract for anyone in the set (its ground rules are not case content: sponsors see
 * them too): the text in force, its versions with who was present and who accepted since, and
 * whether the caller still has to accept the current version (joined later, or was not there).
 */
@Injectable()
export class ContractService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  get(membership: MembershipEntity): Promise<SetContractResponse> {
    return this.read(this.db.manager, membership);
  }

  /** Accepts the current version; one that is not current (a newer one was agreed meanwhile) is refused, as is a set without one. */
  async accept(membership: MembershipEntity, version: number): Promise<SetContractResponse> {
    return this.db.transaction(async (manager) => {
      const [set] = (await manager.query(`SELECT "status" FROM "sets" WHERE "id" = $1 FOR UPDATE`, [membership.setId])) as Pick<SetEntity, 'status'>[];
      assertSetOpen(set, 'accept its ground rules');
      const [current] = (await manager.query(`SELECT MAX("version") AS "version" FROM "set_contract_versions" WHERE "setId" = $1`, [membership.setId])) as { version: number | null }[];
      if (current.version === null) throw conflict(ContractErrorCode.NoneAgreed, 'The set has not agreed its ground rules in a meeting yet: there is no version to accept.');
      if (current.version !== version) throw conflict(ContractErrorCode.NotCurrent, `Version ${version} is not the current one: read version ${current.version} and accept that.`);
      await manager.query(
        `INSERT INTO "set_contract_acceptances" ("setId", "userId", "version", "acceptedAt", "via") VALUES ($1, $2, $3, $4, 'set-page') ON CONFLICT DO NOTHING`,
        [membership.setId, membership.userId, version, this.clock.now()],
      );
      return this.read(manager, membership);
    });
  }

  private async read(manager: EntityManager, membership: MembershipEntity): Promise<SetContractResponse> {
    const setId = membership.setId;
    // A person is named while they are in the set; after they left, "a former member".
    const person = (id: string) => `json_build_object('userId', ${id}, 'displayName', COALESCE((SELECT u."displayName" FROM "users" u JOIN "set_memberships" ms ON ms."userId" = u."id" AND ms."setId" = v."setId" WHERE u."id" = ${id}), '${FORMER_MEMBER}'))`;
    const rows = (await manager.query(
      `SELECT v."version", v."text", v."agreedAt", v."meetingId",
              COALESCE((SELECT json_agg(${person('p.id')} ORDER BY p.ord) FROM unnest(v."presentIds") WITH ORDINALITY AS p(id, ord)), '[]') AS "present",
              COALESCE((SELECT json_agg(${person('a."userId"')} ORDER BY a."acceptedAt") FROM "set_contract_acceptances" a
                         WHERE a."setId" = v."setId" AND a."version" = v."version" AND a."via" <> 'meeting'), '[]') AS "acceptedBy"
         FROM "set_contract_versions" v WHERE v."setId" = $1 ORDER BY v."version" DESC`,
      [setId],
    )) as VersionRow[];
    const [set] = (await manager.query(`SELECT "groundRules" FROM "sets" WHERE "id" = $1`, [setId])) as { groundRules: string }[];
    const [mine] = (await manager.query(`SELECT MAX("version") AS "version" FROM "set_contract_acceptances" WHERE "setId" = $1 AND "userId" = $2`, [setId, membership.userId])) as { version: number | null }[];
    const versions: SetContractVersion[] = rows.map((r) => ({ version: r.version, text: r.text, agreedAt: r.agreedAt.toISOString(), meetingId: r.meetingId, present: r.present, acceptedBy: r.acceptedBy }));
    const current = versions[0] ?? null;
    return {
      setId,
      text: current?.text ?? set.groundRules,
      current,
      versions,
      mine: { acceptedVersion: mine.version, needsAcceptance: current !== null && mine.version !== current.version },
    };
  }
}
