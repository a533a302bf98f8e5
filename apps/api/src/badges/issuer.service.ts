import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { IssuerKeyEntity } from './badges.entities';
import { controllerDocument, didWebFor, type VerificationMethod } from './vc/did';
import { decryptSecret, encryptSecret } from './vc/key-encryption';
import { MULTIKEY_CONTEXT } from './vc/multikey';
import { generateKeyPair, type SigningKey } from './vc/signing';

export interface IssuerProfile {
  '@context': string[];
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
}

/**
 * The installation's issuer: its Ed25519 keys (generated at first start, the secret encrypted with
 * CREDENTIALS_KEY, one active), its DID (`did:web` on an https PUBLIC_URL, else the active key's
 * `did:key`) and its public profile. Rotation retires the active key without deleting it: what it
 * signed stays verifiable (a did:key resolves from itself; the did:web document lists every key).
 */
@Injectable()
export class IssuerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IssuerService.name);
  private readonly keys = new Map<string, SigningKey>();
  readonly didWeb: string | null;

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.didWeb = didWebFor(config.PUBLIC_URL);
  }

  /** At first start the key is made; at every start it must decrypt with CREDENTIALS_KEY (or the start fails, saying so). */
  async onApplicationBootstrap(): Promise<void> {
    const key = await this.activeKey();
    this.logger.log({ msg: 'issuer ready', did: this.didFor(key.publicKeyMultibase) });
  }

  didFor(publicKeyMultibase: string): string {
    return this.didWeb ?? `did:key:${publicKeyMultibase}`;
  }

  verificationMethodFor(publicKeyMultibase: string): string {
    return `${this.didFor(publicKeyMultibase)}#${publicKeyMultibase}`;
  }

  /** The active key, made now if there is none (one wins when processes race: a unique index on the active key). */
  async activeKey(): Promise<SigningKey & { id: string }> {
    let row = await this.db.getRepository(IssuerKeyEntity).findOne({ where: { active: true }, select: { id: true, publicKeyMultibase: true, secretKeyEncrypted: true } });
    if (!row) {
      await this.insertKey(this.db.manager);
      row = await this.db.getRepository(IssuerKeyEntity).findOneOrFail({ where: { active: true }, select: { id: true, publicKeyMultibase: true, secretKeyEncrypted: true } });
    }
    return { id: row.id, ...this.unseal(row) };
  }

  /** Any key, active or retired, signing as `did` (status lists are re-signed by the key, and as the issuer, that made them). */
  async keyById(id: string, did?: string): Promise<SigningKey> {
    const row = await this.db.getRepository(IssuerKeyEntity).findOneOrFail({ where: { id }, select: { id: true, publicKeyMultibase: true, secretKeyEncrypted: true } });
    const key = this.unseal(row);
    return did ? { ...key, controller: did, verificationMethod: `${did}#${key.publicKeyMultibase}` } : key;
  }

  private unseal(row: Pick<IssuerKeyEntity, 'id' | 'publicKeyMultibase' | 'secretKeyEncrypted'>): SigningKey {
    const cached = this.keys.get(row.id);
    if (cached) return cached;
    const key: SigningKey = {
      verificationMethod: this.verificationMethodFor(row.publicKeyMultibase),
      controller: this.didFor(row.publicKeyMultibase),
      publicKeyMultibase: row.publicKeyMultibase,
      secretKeyMultibase: decryptSecret(row.secretKeyEncrypted, this.config.credentialsKey),
    };
    this.keys.set(row.id, key);
    return key;
  }

  private async insertKey(manager: EntityManager): Promise<void> {
    const pair = await generateKeyPair();
    await manager.query(
      `INSERT INTO "issuer_keys" ("publicKeyMultibase", "secretKeyEncrypted", "active", "createdAt") VALUES ($1, $2, true, $3) ON CONFLICT ("active") WHERE "active" DO NOTHING`,
      [pair.publicKeyMultibase, encryptSecret(pair.secretKeyMultibase, this.config.credentialsKey), this.clock.now()],
    );
  }

  /**
   * Retires the active key and makes a new one (the operator's `npm run credentials:rotate-key`,
   * or a test). New credentials and status lists use the new key; everything the old one signed
   * keeps verifying. Answers the new key's public multibase.
   */
  async rotate(): Promise<string> {
    return this.db.transaction(async (manager) => {
      await manager.query(`UPDATE "issuer_keys" SET "active" = false, "retiredAt" = $1 WHERE "active"`, [this.clock.now()]);
      await this.insertKey(manager);
      const [row] = (await manager.query(`SELECT "publicKeyMultibase" FROM "issuer_keys" WHERE "active"`)) as { publicKeyMultibase: string }[];
      return row.publicKeyMultibase;
    });
  }

  /** The issuer's Profile, as in the credentials (served at /api/issuer). */
  async profile(): Promise<IssuerProfile> {
    const key = await this.activeKey();
    return { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: key.controller, type: ['Profile'], name: this.config.ISSUER_NAME, url: this.config.PUBLIC_URL };
  }

  /** The did:web DID document: every key the installation ever had, so old credentials stay verifiable. Null without did:web. */
  async didDocument(): Promise<object | null> {
    if (!this.didWeb) return null;
    const did = this.didWeb;
    const rows = await this.db.getRepository(IssuerKeyEntity).find({ order: { createdAt: 'ASC' } });
    return controllerDocument(did, rows.map((r): VerificationMethod => ({ id: `${did}#${r.publicKeyMultibase}`, type: 'Multikey', controller: did, publicKeyMultibase: r.publicKeyMultibase })));
  }

  /** Our own did:web document or one of its keys (for the document loader); null for anything else. */
  async resolveOwn(url: string): Promise<object | null> {
    if (!this.didWeb || url.split('#')[0] !== this.didWeb) return null;
    const document = (await this.didDocument()) as { verificationMethod: VerificationMethod[] };
    if (!url.includes('#')) return document;
    const method = document.verificationMethod.find((m) => m.id === url);
    return method ? { '@context': MULTIKEY_CONTEXT, ...method } : null;
  }
}
