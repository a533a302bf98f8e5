import { MULTIKEY_CONTEXT } from './multikey';

const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';

export interface VerificationMethod {
  '@context'?: string;
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/** The DID document of a `did:key` (Ed25519, `z6Mk…`): one Multikey verification method, the key itself. */
export function didKeyDocument(did: string): { didDocument: object; verificationMethod: VerificationMethod } {
  const publicKeyMultibase = did.slice('did:key:'.length);
  if (!/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/.test(publicKeyMultibase)) throw new Error(`${did} is not an Ed25519 did:key.`);
  const verificationMethod: VerificationMethod = { '@context': MULTIKEY_CONTEXT, id: `${did}#${publicKeyMultibase}`, type: 'Multikey', controller: did, publicKeyMultibase };
  return { didDocument: controllerDocument(did, [verificationMethod]), verificationMethod };
}

/** A DID document listing `methods` for assertions (signing credentials). */
export function controllerDocument(did: string, methods: VerificationMethod[]): object {
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: methods.map(({ '@context': _context, ...method }) => method),
    assertionMethod: methods.map((m) => m.id),
    authentication: methods.map((m) => m.id),
  };
}

/**
 * The issuer's DID for this installation: `did:web` on the platform's host (its document served at
 * /api/issuer/did.json) when PUBLIC_URL is https, else the active key's own `did:key`.
 */
export function didWebFor(publicUrl: string): string | null {
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:') return null;
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path, 'api', 'issuer'].join(':');
}
