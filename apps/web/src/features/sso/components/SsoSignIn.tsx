import { SSO_PROBLEMS, type SsoProblem } from '@als/shared';
import { useSsoSettings } from '@web/features/sso/api/sso';

const PROBLEMS: Record<SsoProblem, string> = {
  failed: 'Single sign-on did not work: the answer from your organisation’s sign-in could not be checked. Try again.',
  expired: 'Single sign-on took too long, or began in another browser. Try again.',
  unverified: 'Your organisation’s sign-in did not confirm your e-mail address, so nobody was signed in. Ask your IT team, or sign in with your password.',
  disabled: 'This account has been disabled by an admin of your organisation: ask them to enable it before you sign in.',
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
