import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DISPLAY_NAME_MAX } from '@als/shared';
import { useSignUp } from '@web/features/auth/api/auth';
import { SelectField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { Page } from '@web/ui/Page';
import { browserTimeZone, timeZoneOptions } from '@web/ui/timeZones';
import { NewPasswordField } from './PasswordField';
import { safeNext } from '@web/features/auth/safeNext';

export function SignUpPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const signUp = useSignUp();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const zones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);

  function submit(event: FormEvent) {
    event.preventDefault();
    signUp.mutate({ email, password, displayName, timeZone }, { onSuccess: () => navigate(next, { replace: true }) });
  }

  return (
    <Page title="Create an account">
      <form className="form narrow" onSubmit={submit} noValidate>
        <FormError error={signUp.error} />
        <TextField label="Your name" hint="As the other members of your sets will see it." name="displayName" autoComplete="name" required maxLength={DISPLAY_NAME_MAX} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={fieldError(signUp.error, 'displayName')} />
        <TextField label="E-mail address" hint="If you were invited, use the address the invitation was sent to." type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(signUp.error, 'email')} />
        <NewPasswordField label="Password" name="password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError(signUp.error, 'password')} />
        <SelectField label="Your time zone" hint="Meeting times are shown to you in this zone." name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} options={zones} error={fieldError(signUp.error, 'timeZone')} />
        <button type="submit" className="button" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to={`/sign-in?${params.toString()}`}>Sign in</Link>
      </p>
    </Page>
  );
}
