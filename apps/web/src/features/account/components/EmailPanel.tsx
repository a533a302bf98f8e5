import { useState, type FormEvent } from 'react';
import type { MeResponse } from '@als/shared';
import { TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { useRequestEmailChange } from '@web/features/account/api/account';

/** Changing the e-mail address: a link goes to the new one, and the address changes when it is opened. */
export function EmailPanel({ me }: { me: MeResponse }) {
  const request = useRequestEmailChange();
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate({ newEmail, password }, { onSuccess: () => setPassword('') });
  }

  return (
    <section className="panel" aria-labelledby="email-title">
      <h2 id="email-title">E-mail address</h2>
      <p>
        You sign in with <strong>{me.email}</strong>, and e-mails come there.
      </p>
      <form className="form narrow" aria-label="Change your e-mail address" onSubmit={submit} noValidate>
        <FormError error={request.error} />
        <TextField label="New e-mail address" hint="We send a link to it: the address changes when you open it." type="email" name="newEmail" autoComplete="email" required value={newEmail} onChange={(e) => setNewEmail(e.target.value)} error={fieldError(request.error, 'newEmail')} />
        <TextField label="Your password" hint="To confirm it is you." type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError(request.error, 'password')} />
        <div className="form__buttons">
          <button type="submit" className="button" disabled={request.isPending}>
            Send the link
          </button>
        </div>
        <p role="status" className="notice-line">
          {request.isSuccess ? request.data.message : ''}
        </p>
      </form>
    </section>
  );
}
