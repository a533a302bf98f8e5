import { promises as dns } from 'node:dns';
import { Injectable } from '@nestjs/common';

const NO_RECORDS = new Set(['ENOTFOUND', 'ENODATA', 'ESERVFAIL', 'EREFUSED', 'ETIMEOUT', 'ECONNREFUSED']);

/**
 * Reads a domain's DNS TXT records with node's resolver (the system's servers). A class of its own
 * so that tests replace `resolveTxt` on the instance the app holds.
 */
@Injectable()
export class DomainTxtResolver {
  /** Each TXT record of the domain as one string (its chunks joined); none when the domain has none or does not answer. */
  async resolveTxt(domain: string): Promise<string[]> {
    try {
      return (await dns.resolveTxt(domain)).map((chunks) => chunks.join(''));
    } catch (error) {
      if (NO_RECORDS.has((error as { code?: string }).code ?? '')) return [];
      throw error;
    }
  }
}
