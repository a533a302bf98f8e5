/** An organisation's own OpenID Connect provider (for platforms serving more than one organisation). */
export const SSO_PROVIDER_NAME_MAX = 80;
export const SSO_ISSUER_MAX = 2000;
export const SSO_CLIENT_ID_MAX = 255;
export const SSO_CLIENT_SECRET_MAX = 2000;

/** What an admin sets: the provider's issuer, the platform's client there, and the button's label. The secret is write-only. */
export interface OrganisationSsoRequest {
  /** The sign-in page says "Sign in with <name>". */
  name: string;
  issuer: string;
  clientId: string;
  /** Required the first time; left out, the stored secret stays. Never answered back. */
  clientSecret?: string;
}

/** The organisation's provider as its admins see it: never the client secret, only whether one is stored. */
export interface OrganisationSsoResponse {
  /** Whether the platform can keep client secrets (SSO_SECRET_KEY is set); without it nothing can be configured. */
  available: boolean;
  configured: boolean;
  name: string | null;
  issuer: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  /** Where the provider must send people back (register it as the client's redirect URI). */
  redirectUri: string;
  updatedAt: string | null;
}

/** Which "Sign in with <name>" the sign-in page offers for the address being typed: its organisation's own provider (null: none). */
export interface SsoProviderLookupResponse {
  provider: { organisationId: string; name: string } | null;
}

/** An e-mail domain takes effect (people join, single sign-on is required) only once verified. */
export const DOMAIN_STATUSES = ['pending', 'verified'] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];
/** The DNS TXT record proving an organisation controls a domain: `als-verification=<token>` at the domain itself. */
export const DOMAIN_VERIFICATION_PREFIX = 'als-verification=';

export interface OrganisationDomain {
  domain: string;
  status: DomainStatus;
  verifiedAt: string | null;
  /** The TXT record to publish at the domain: `als-verification=<token>`. */
  txtRecord: string;
}

export interface OrganisationDomainsResponse {
  domains: OrganisationDomain[];
}

/** An organisation's logo: PNG or JPEG, at most this many bytes (SVG is refused: it can carry scripts). */
export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** How an organisation's pages and its sets' pages show it: its name and logo (null: none). For its people and its sets' people. */
export interface OrganisationBrandResponse {
  id: string;
  name: string;
  /** The logo's address, with its version (changes when a new logo is uploaded). */
  logoUrl: string | null;
}
