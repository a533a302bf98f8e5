import { promises as dns } from 'node:dns';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@api/config/app-config';

const NO_RECORDS = new Set(['ENOTFOUND', 'ENODATA', 'ESERVFAIL', 'EREFUSED', 'ETIMEOUT', 'ECONNREFUSED', 'ENOTIMP', 'EBADRESP']);

/**
 * Reads a domain's DNS TXT records with node's resolver: the servers of DNS_SERVERS, or the
 * system's. A class of its own so that tests replace `resolveTxt` on the instance the app holds.
 */
@Injectable()
export class DomainTxtResolver {
  private readonly resolver = new dns.Resolver({ timeout: 5000, tries: 2 });

  constructor(config: AppConfig) {
    if (config.DNS_SERVERS) this.resolver.setServers(config.DNS_SERVERS.split(',').map((s) => s.trim()));
  }

  /** Each TXT record of the domain as one string (its chunks joined); none when the domain has none or does not answer. */
  async resolveTxt(domain: string): Promise<string[]> {
    try {
      return (await this.resolver.resolveTxt(domain)).map((chunks) => chunks.join(''));
    } catch (error) {
      if (NO_RECORDS.has((error as { code?: string }).code ?? '')) return [];
      throw error;
    }
  }
}
