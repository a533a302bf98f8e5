import type { InputHTMLAttributes } from 'react';
import { passwordStrength } from '@als/shared';
import { FieldShell } from '@web/ui/Field';
import { useCommonPasswords } from '@web/features/auth/hooks/useCommonPasswords';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'value'> & { label: string; value: string; error?: string };

/**
 * A new password, with a hint that follows what is typed: the API's rules (10 to 256 characters,
 * not a commonly used password) and a rough strength once they are met.
 */
export function NewPasswordField({ label, value, error, ...input }: Props) {
  const strength = passwordStrength(value, useCommonPasswords());
  const hint = (
    <span aria-live="polite" data-strength={strength.level}>
      {strength.label && <strong className="strength">{strength.label}. </strong>}
      {strength.hint}
    </span>
  );
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => <input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} {...input} />}
    </FieldShell>
  );
}
