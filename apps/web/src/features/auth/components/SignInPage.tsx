import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSignIn } from '@web/features/auth/api/auth';
import { TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { Page } from '@web/ui/Page';
import { safeNext } from '@web/features/auth/safeNext';
import { OrganisationSsoOffer, SsoSignIn } from '@web/features/sso/components/SsoSignIn';

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => navigate(next, { replace: true }) });
  }

  return (
    <Page title="Sign in">
      <SsoSignIn next={next} problem={params.get('sso')} />
      <form className="form narrow" onSubmit={submit} noValidate>
        <FormError error={signIn.error} />
        <TextField label="E-mail address" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(signIn.error, 'email')} />
        <OrganisationSsoOffer email={email} next={next} />
        <TextField label="Password" type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError(signIn.error, 'password')} />
        <p className="field__hint">
          <Link to={email ? `/forgot-password?email=${encodeURIComponent(email)}` : '/forgot-password'}>Forgot your password?</Link>
        </p>
        <button type="submit" className="button" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New here? <Link to={`/sign-up?${params.toString()}`}>Create an account</Link>
      </p>
    </Page>
  );
}
