import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DocumentLoader } from '@digitalbazaar/vc';
import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { StatusListEntity } from './badges.entities';
import { IssuerService } from './issuer.service';
import { documentLoader } from './vc/document-loader';
import { signCredential, verifyCredential, type VerificationOutcome } from './vc/signing';

/** The W3C Bitstring Status List's minimum, for group privacy. */
export const STATUS_LIST_SIZE = 131_072;

export interface StatusEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

/**
 * Revocation status lists (BitstringStatusListCredential, 131,072 entries each), and signing and
 * verifying with a document loader that only serves local documents. Indexes are allocated from
 * the list's counter under its row lock (and are unique per list), so two approvals at once never
 * share one; a list is re-signed in the transaction that changes one of its bits.
 */
@Injectable()
export class StatusListsService {
  readonly loader: DocumentLoader;

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly issuer: IssuerService,
  ) {
    this.loader = documentLoader((url) => this.resolve(url));
  }

  urlOf(listId: string): string {
    return `${this.config.PUBLIC_URL}/api/status-lists/${listId}`;
  }

  /** The next free index in a list of the active key (a new list when the last is full), inside `manager`'s transaction. */
  async allocate(manager: EntityManager, keyId: string): Promise<{ listId: string; index: number; entry: StatusEntry }> {
    const issuer = (await this.issuer.keyById(keyId)).controller;
    for (;;) {
      // A list of the same key and issuer (a verifier checks that the list's issuer is the credential's).
      const [rows] = (await manager.query(
        `UPDATE "status_lists" SET "nextIndex" = "nextIndex" + 1
          WHERE "id" = (SELECT "id" FROM "status_lists" WHERE "keyId" = $1 AND "issuer" = $2 AND "nextIndex" < "size" ORDER BY "createdAt" LIMIT 1 FOR UPDATE)
          RETURNING "id", "nextIndex" - 1 AS "index"`,
        [keyId, issuer],
      )) as [{ id: string; index: number }[], number];
      if (rows.length > 0) {
        const { id, index } = rows[0];
        const url = this.urlOf(id);
        return { listId: id, index, entry: { id: `${url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: url } };
      }
      await this.createList(keyId, issuer);
    }
  }

  /** A new, empty, signed list for `keyId` (committed on its own, so a rolled-back issue leaves no gap in its use). */
  private async createList(keyId: string, issuer: string): Promise<void> {
    const id = randomUUID();
    const credential = await this.signList(id, keyId, issuer, new Set());
    await this.db.query(`INSERT INTO "status_lists" ("id", "keyId", "issuer", "size", "credential", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $6)`, [id, keyId, issuer, STATUS_LIST_SIZE, JSON.stringify(credential), this.clock.now()]);
  }

  /** Signs the list again with the bits of its revoked credentials (call with the list's row locked, in the revoking transaction). */
  async publish(manager: EntityManager, listId: string): Promise<void> {
    const [list] = (await manager.query(`SELECT "id", "keyId", "issuer" FROM "status_lists" WHERE "id" = $1 FOR UPDATE`, [listId])) as { id: string; keyId: string; issuer: string }[];
    const revoked = (await manager.query(`SELECT "statusIndex" FROM "credentials" WHERE "statusListId" = $1 AND "revokedAt" IS NOT NULL`, [listId])) as { statusIndex: number }[];
    const credential = await this.signList(list.id, list.keyId, list.issuer, new Set(revoked.map((r) => r.statusIndex)));
    await manager.query(`UPDATE "status_lists" SET "credential" = $2, "version" = "version" + 1, "updatedAt" = $3 WHERE "id" = $1`, [listId, JSON.stringify(credential), this.clock.now()]);
  }

  private async signList(id: string, keyId: string, issuer: string, revoked: Set<number>): Promise<Record<string, unknown>> {
    const list = await createList({ length: STATUS_LIST_SIZE });
    for (const index of revoked) list.setStatus(index, true);
    const key = await this.issuer.keyById(keyId, issuer);
    const unsigned = await createCredential({ id: this.urlOf(id), list, statusPurpose: 'revocation' });
    const now = this.clock.now();
    return signCredential({ ...unsigned, issuer: key.controller, validFrom: now.toISOString().replace(/\.\d{3}Z$/, 'Z') }, key, now, this.loader);
  }

  /** The signed status list credential, or null. */
  async get(listId: string): Promise<Record<string, unknown> | null> {
    const row = await this.db.getRepository(StatusListEntity).findOneBy({ id: listId });
    return row?.credential ?? null;
  }

  async sign(credential: object, keyId: string, at: Date): Promise<Record<string, unknown>> {
    return signCredential(credential, await this.issuer.keyById(keyId), at, this.loader);
  }

  /** Verifies a credential with the libraries and local documents only (its status list read from the database). */
  verify(credential: object): Promise<VerificationOutcome> {
    return verifyCredential(credential, this.loader, this.clock.now());
  }

  private async resolve(url: string): Promise<object | null> {
    const own = await this.issuer.resolveOwn(url);
    if (own) return own;
    const prefix = `${this.config.PUBLIC_URL}/api/status-lists/`;
    if (url.startsWith(prefix)) {
      const id = url.slice(prefix.length);
      return /^[0-9a-f-]{36}$/.test(id) ? this.get(id) : null;
    }
    return null;
  }
}
