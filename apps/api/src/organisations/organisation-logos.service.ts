import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LOGO_MAX_BYTES, type OrganisationBrandResponse, OrganisationErrorCode } from '@als/shared';
import { badRequest, notFound } from '@api/common/domain-error';
import { OrganisationLogoEntity } from './organisation.entities';
import { sniffLogo } from './logo-image';

/** The viewer ($2) is in the organisation ($1), or in one of its sets. */
const VIEWER = `EXISTS (SELECT 1 FROM "organisation_memberships" om WHERE om."organisationId" = $1 AND om."userId" = $2)
  OR EXISTS (SELECT 1 FROM "sets" s JOIN "set_memberships" m ON m."setId" = s."id" WHERE s."organisationId" = $1 AND m."userId" = $2)`;

export interface Logo {
  contentType: string;
  bytes: Buffer;
  etag: string;
  updatedAt: Date;
}

/**
 * An organisation's logo: a PNG or JPEG of at most 256 KB, its type read from its bytes. Its people
 * and the people of its sets see it (on the organisation's pages and its sets' pages); anyone else
 * is told there is none (404).
 */
@Injectable()
export class OrganisationLogosService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async put(organisationId: string, body: unknown, declaredType: string | undefined): Promise<void> {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    const type = sniffLogo(bytes);
    if (!type) throw badRequest(OrganisationErrorCode.InvalidLogo, `The logo must be a PNG or JPEG image of at most ${LOGO_MAX_BYTES / 1024} KB, sent as the request body with its Content-Type (SVG is not accepted).`);
    if (declaredType && declaredType.split(';')[0].trim().toLowerCase() !== type) {
      throw badRequest(OrganisationErrorCode.InvalidLogo, `The image is a ${type === 'image/png' ? 'PNG' : 'JPEG'}, but was sent as ${declaredType}: send it with Content-Type ${type}.`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.db.query(
      `INSERT INTO "organisation_logos" ("organisationId", "contentType", "bytes", "sha256", "updatedAt") VALUES ($1, $2, $3, $4, now())
       ON CONFLICT ("organisationId") DO UPDATE SET "contentType" = EXCLUDED."contentType", "bytes" = EXCLUDED."bytes", "sha256" = EXCLUDED."sha256", "updatedAt" = now()`,
      [organisationId, type, bytes, sha256],
    );
  }

  async remove(organisationId: string): Promise<void> {
    const deleted = await this.db.getRepository(OrganisationLogoEntity).delete({ organisationId });
    if (!deleted.affected) throw notFound(OrganisationErrorCode.NoLogo, 'This organisation has no logo.');
  }

  /** The organisation's name and logo address for a viewer in it or in one of its sets; 404 for anyone else. */
  async brandFor(organisationId: string, userId: string): Promise<OrganisationBrandResponse> {
    const [row] = (await this.db.query(
      `SELECT o."id", o."name", l."sha256" FROM "organisations" o LEFT JOIN "organisation_logos" l ON l."organisationId" = o."id"
        WHERE o."id" = $1 AND (${VIEWER})`,
      [organisationId, userId],
    )) as { id: string; name: string; sha256: string | null }[];
    if (!row) throw notFound(OrganisationErrorCode.NotFound, 'Organisation not found.');
    return { id: row.id, name: row.name, logoUrl: row.sha256 ? `/api/organisations/${row.id}/logo?v=${row.sha256.slice(0, 12)}` : null };
  }

  /** The logo for a viewer in the organisation or in one of its sets; 404 for anyone else, and when it has none. */
  async forViewer(organisationId: string, userId: string): Promise<Logo> {
    const [row] = (await this.db.query(
      `SELECT l."contentType", l."bytes", l."sha256", l."updatedAt" FROM "organisation_logos" l
        WHERE l."organisationId" = $1 AND (${VIEWER})`,
      [organisationId, userId],
    )) as { contentType: string; bytes: Buffer; sha256: string; updatedAt: Date }[];
    if (!row) throw notFound(OrganisationErrorCode.NoLogo, 'This organisation has no logo.');
    return { contentType: row.contentType, bytes: row.bytes, etag: `"${row.sha256}"`, updatedAt: new Date(row.updatedAt) };
  }
}
