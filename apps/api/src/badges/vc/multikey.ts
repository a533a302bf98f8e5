export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
