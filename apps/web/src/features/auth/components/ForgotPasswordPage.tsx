import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { Page } from '@web/ui/Page';
import { useRequestPasswordReset } from '@web/features/auth/api/auth';

/** "Forgot your password?": a link to choose a new one goes to the address, if an account uses it. */
export function ForgotPasswordPage() {
  const [params] = useSearchParams();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState(params.get('email') ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate({ email });
  }

  return (
    <Page title="Forgot your password?">
      {request.isSuccess ? (
        <div className="alert alert--ok" role="status">
          <p>{request.data.message}</p>
          <p>Check your inbox (and spam folder) for an e-mail called “Choose a new password”.</p>
        </div>
      ) : (
        <form className="form narrow" onSubmit={submit} noValidate>
          <p>Enter the e-mail address you sign in with. We will send it a link to choose a new password.</p>
          <FormError error={request.error} />
          <TextField label="E-mail address" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(request.error, 'email')} />
          <button type="submit" className="button" disabled={request.isPending}>
            {request.isPending ? 'Sending…' : 'Send me a link'}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </Page>
  );
}
