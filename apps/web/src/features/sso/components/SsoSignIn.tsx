import { SSO_PROBLEMS, type SsoProblem } from '@als/shared';
import { useEffect, useState } from 'react';
import { useSsoLookup, useSsoSettings } from '@web/features/sso/api/sso';

const PROBLEMS: Record<SsoProblem, string> = {
  failed: 'Single sign-on did not work: the answer from your organisation’s sign-in could not be checked. Try again.',
  expired: 'Single sign-on took too long, or began in another browser. Try again.',
  unverified: 'Your organisation’s sign-in did not confirm your e-mail address, so nobody was signed in. Ask your IT team, or sign in with your password.',
  disabled: 'This account has been disabled by an admin of your organisation: ask them to enable it before you sign in.',
  'other-domain': 'Your organisation’s sign-in vouched for an address outside the e-mail domains it has verified, so nobody was signed in. Sign in with the account of your own organisation.',
};

function isProblem(value: string | null): value is SsoProblem {
  return (SSO_PROBLEMS as readonly (string | null)[]).includes(value);
}

/** "Sign in with <OIDC_NAME>" when the platform has single sign-on, and why the last attempt failed (`?sso=`). */
export function SsoSignIn({ next, problem }: { next: string; problem: string | null }) {
  const settings = useSsoSettings();
  return (
    <>
      {isProblem(problem) && (
        <p className="alert alert--error" role="alert">
          {PROBLEMS[problem]}
        </p>
      )}
      {settings.data?.enabled && (
        <p>
          <a className="button button--quiet" href={`/api/auth/oidc/start?returnTo=${encodeURIComponent(next)}`}>
            Sign in with {settings.data.name}
          </a>
        </p>
      )}
    </>
  );
}

/** An address whose domain can be looked up: something@label.label. */
const ADDRESS = /^[^\s@]+@([a-z0-9-]+\.)+[a-z0-9-]{2,}$/i;

/**
 * "Sign in with <name>" for the organisation whose verified domain the typed address is of, when it
 * has its own provider (looked up once the address has stopped changing for a moment).
 */
export function OrganisationSsoOffer({ email, next }: { email: string; next: string }) {
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(email.trim()), 300);
    return () => clearTimeout(timer);
  }, [email]);
  const lookup = useSsoLookup(ADDRESS.test(settled) ? settled : null);
  const provider = lookup.data?.provider;
  if (!provider || !ADDRESS.test(email.trim())) return null;
  return (
    <p className="sso-offer" aria-live="polite">
      <a className="button" href={`/api/auth/oidc/start?organisationId=${encodeURIComponent(provider.organisationId)}&returnTo=${encodeURIComponent(next)}`}>
        Sign in with {provider.name}
      </a>
    </p>
  );
}
