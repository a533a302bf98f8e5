import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import type { DocumentLoader } from '@digitalbazaar/vc';

/** An issuer key ready to sign: its verification method id, its controller (the issuer's DID) and the key pair in multibase. */
export interface SigningKey {
  verificationMethod: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** A fresh Ed25519 key pair in multibase (the secret to be encrypted before it is stored). */
export async function generateKeyPair(): Promise<{ publicKeyMultibase: string; secretKeyMultibase: string }> {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true });
  return { publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase! };
}

/** Signs `credential` with a DataIntegrityProof of cryptosuite eddsa-rdfc-2022, created at `date`. */
export async function signCredential(credential: object, key: SigningKey, date: Date, documentLoader: DocumentLoader): Promise<Record<string, unknown>> {
  const pair = await Ed25519Multikey.from({ type: 'Multikey', id: key.verificationMethod, controller: key.controller, publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: key.secretKeyMultibase });
  const suite = new DataIntegrityProof({ signer: pair.signer(), cryptosuite, date });
  return vc.issue({ credential, suite, documentLoader, now: date });
}

/** The status check's answer: one result per status entry (status: the bit). */
export interface StatusResult {
  verified: boolean;
  status?: boolean;
  results?: { verified: boolean; status?: boolean }[];
  error?: Error;
}

export interface VerificationOutcome {
  verified: boolean;
  /** The revocation bit, when the credential has a status entry that could be checked. */
  revoked: boolean | null;
  errors: string[];
}

function messages(error: (Error & { errors?: Error[] }) | undefined): string[] {
  if (!error) return [];
  const inner = error.errors?.map((e) => e.message) ?? [];
  return inner.length ? inner : [error.message];
}

/**
 * Verifies a credential as any verifier would with the same libraries: the proof (eddsa-rdfc-2022),
 * the dates at `now`, and, when it has a credentialStatus, the signed status list and its bit.
 */
export async function verifyCredential(credential: object, documentLoader: DocumentLoader, now: Date): Promise<VerificationOutcome> {
  const suite = new DataIntegrityProof({ cryptosuite });
  const hasStatus = 'credentialStatus' in credential;
  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    now,
    ...(hasStatus ? { checkStatus: (options) => checkStatusAt(options.credential, documentLoader, now) } : {}),
  });
  const status = result.statusResult;
  const errors = messages(result.error);
  if (status && !status.verified && status.error) errors.push(status.error.message);
  // The library answers one result per status entry; a set revocation bit means revoked.
  const bit = status?.results ? status.results.some((r) => r.status === true) : status?.status === true;
  return { verified: result.verified, revoked: status?.verified ? bit : null, errors };
}

/**
 * The status check of @digitalbazaar/vc-bitstring-status-list, with the status list credential
 * verified at `now` too (the library verifies it at the wall clock): its proof and dates first,
 * then the library's own checks (same issuer, list type, purpose) and the bit.
 */
export async function checkStatusAt(credential: object, documentLoader: DocumentLoader, now: Date): Promise<StatusResult> {
  const suite = new DataIntegrityProof({ cryptosuite });
  const url = (credential as { credentialStatus?: { statusListCredential?: unknown } }).credentialStatus?.statusListCredential;
  if (typeof url !== 'string') return { verified: false, error: new Error('credentialStatus.statusListCredential must be a URL') };
  try {
    const { document } = await documentLoader(url);
    const list = await vc.verifyCredential({ credential: document as object, suite, documentLoader, now });
    if (!list.verified) return { verified: false, error: new Error(`The status list credential does not verify: ${messages(list.error).join('; ')}`) };
  } catch (error) {
    return { verified: false, error: error as Error };
  }
  return checkStatus({ credential, documentLoader, suite, verifyBitstringStatusListCredential: false, verifyMatchingIssuers: true });
}
