import { useState, type FormEvent } from 'react';
import { NewPasswordField } from '@web/features/auth/components/PasswordField';
import { NewPasswordRepeat } from '@web/features/auth/components/ResetPasswordPage';
import { TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { useChangePassword } from '@web/features/account/api/account';

/** Changing the password: the current one confirms it; the person stays signed in here, and is signed out everywhere else. */
export function PasswordPanel() {
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
          setRepeat('');
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form className="form narrow" aria-label="Change your password" onSubmit={submit} noValidate>
        <p className="muted">You stay signed in here; everywhere else you will be signed out. We e-mail you to say it changed.</p>
        <FormError error={change.error} />
        <TextField label="Current password" type="password" name="currentPassword" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} error={fieldError(change.error, 'currentPassword')} />
        <NewPasswordField label="New password" name="newPassword" required value={newPassword} onChange={(e) => setNewPassword(e.target.value)} error={fieldError(change.error, 'newPassword')} />
        <NewPasswordRepeat value={repeat} onChange={setRepeat} mismatch={mismatch} />
        <div className="form__buttons">
          <button type="submit" className="button" disabled={change.isPending}>
            Change password
          </button>
        </div>
        <p role="status" className="notice-line">
          {change.isSuccess ? 'Your password is changed. Other devices are signed out.' : ''}
        </p>
      </form>
    </section>
  );
}
