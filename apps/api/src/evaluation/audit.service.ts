import { Global, Injectable, Module } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditAction, AuditEntryResponse } from '@als/shared';

export const AUDIT_PAGE_MAX = 200;

/**
 * The set's audit log: who viewed or exported what, and who changed who may see it. Written in
 * the caller's transaction when there is one, so a change and its audit line stand or fall together.
 */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  async record(setId: string, actorId: string | null, action: AuditAction, detail: Record<string, unknown> = {}, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(`INSERT INTO "set_audit_events" ("setId", "actorId", "action", "detail") VALUES ($1, $2, $3, $4)`, [setId, actorId, action, JSON.stringify(detail)]);
  }

  /** Newest first; `before` (an id) pages back. */
  async list(setId: string, limit: number, before?: string): Promise<AuditEntryResponse[]> {
    const rows = (await this.db.query(
      `SELECT e."id", e."action", e."actorId", u."displayName" AS "actorName", e."detail", e."at"
         FROM "set_audit_events" e LEFT JOIN "users" u ON u."id" = e."actorId"
        WHERE e."setId" = $1 AND ($2::bigint IS NULL OR e."id" < $2::bigint)
        ORDER BY e."id" DESC LIMIT $3`,
      [setId, before ?? null, Math.min(limit, AUDIT_PAGE_MAX)],
    )) as { id: string; action: AuditAction; actorId: string | null; actorName: string | null; detail: Record<string, unknown>; at: Date }[];
    return rows.map((r) => ({ ...r, id: String(r.id), at: new Date(r.at).toISOString() }));
  }
}

@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
