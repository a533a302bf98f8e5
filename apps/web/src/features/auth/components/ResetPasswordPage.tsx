import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '@web/api/client';
import { fieldError, FormError } from '@web/ui/FormError';
import { Page } from '@web/ui/Page';
import { useCompletePasswordReset } from '@web/features/auth/api/auth';
import { NewPasswordField } from './PasswordField';

/** The page of the reset e-mail's link (`/reset-password/:token`, or `?token=`): choose a new password, then on into the app. */
export function ResetPasswordPage() {
  const { token: inPath } = useParams();
  const [params] = useSearchParams();
  const token = inPath ?? params.get('token') ?? '';
  const navigate = useNavigate();
  const complete = useCompletePasswordReset();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    complete.mutate({ token, password }, { onSuccess: () => navigate('/', { replace: true }) });
  }

  // The link itself no longer works: say so and offer a new one, rather than a form that cannot succeed.
  const linkFailed = complete.error instanceof ApiError && Boolean(fieldError(complete.error, 'token'));
  return (
    <Page title="Choose a new password">
      {linkFailed ? (
        <div className="alert alert--error" role="alert">
          <p>This link does not work any more: a reset link works once, for 60 minutes.</p>
          <p>
            <Link to="/forgot-password">Ask for a new link</Link>
          </p>
        </div>
      ) : (
        <form className="form narrow" onSubmit={submit} noValidate>
          <p>Choosing a new password signs you out everywhere else.</p>
          <FormError error={complete.error} />
          <NewPasswordField label="New password" name="password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError(complete.error, 'password')} />
          <NewPasswordRepeat value={repeat} onChange={setRepeat} mismatch={mismatch} />
          <button type="submit" className="button" disabled={complete.isPending}>
            {complete.isPending ? 'Saving…' : 'Save and sign in'}
          </button>
        </form>
      )}
    </Page>
  );
}

/** The new password typed again (checked here only: the API receives one). */
export function NewPasswordRepeat({ value, onChange, mismatch }: { value: string; onChange: (value: string) => void; mismatch: boolean }) {
  const id = 'new-password-repeat';
  return (
    <div className={mismatch ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>Type it again</label>
      {mismatch && (
        <p id={`${id}-error`} className="field__error">
          <span className="visually-hidden">Error: </span>The two passwords are not the same.
        </p>
      )}
      <input id={id} type="password" name="repeat" autoComplete="new-password" required aria-invalid={mismatch || undefined} aria-describedby={mismatch ? `${id}-error` : undefined} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
