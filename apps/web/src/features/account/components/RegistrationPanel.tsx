import { useState, type FormEvent } from 'react';
import { PROFESSIONAL_REGULATOR_NAMES, PROFESSIONAL_REGULATORS, registrationText, type MeResponse, type ProfessionalRegulator } from '@als/shared';
import { useUpdateMe } from '@web/features/account/api/account';
import { SelectField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';

/** The person's optional professional registration: shown, with a declaration, on their CPD export. */
export function RegistrationPanel({ me }: { me: MeResponse }) {
  const update = useUpdateMe();
  const [regulator, setRegulator] = useState<ProfessionalRegulator | ''>(me.registration?.regulator ?? '');
  const [number, setNumber] = useState(me.registration?.number ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (regulator) update.mutate({ registration: { regulator, number } });
  };
  return (
    <section className="panel" aria-labelledby="registration-title">
      <h2 id="registration-title">Professional registration</h2>
      <p className="muted">Optional. Your CPD export shows it above your record, with a declaration for you to sign.</p>
      {me.registration && <p role="status">On your CPD export: {registrationText(me.registration)}.</p>}
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={update.error} />
        <SelectField
          label="Regulator"
          value={regulator}
          onChange={(e) => setRegulator(e.target.value as ProfessionalRegulator | '')}
          options={[{ value: '', label: 'Choose your regulator' }, ...PROFESSIONAL_REGULATORS.map((r) => ({ value: r, label: PROFESSIONAL_REGULATOR_NAMES[r] }))]}
          error={fieldError(update.error, 'registration.regulator')}
        />
        <TextField label="Registration number" hint="Social Work England numbers start with SW, for example SW123456." value={number} onChange={(e) => setNumber(e.target.value)} autoComplete="off" error={fieldError(update.error, 'registration.number')} />
        <div className="form__buttons">
          <button type="submit" className="button" disabled={!regulator || !number.trim() || update.isPending}>
            Save registration
          </button>
          {me.registration && (
            <button
              type="button"
              className="button button--quiet"
              disabled={update.isPending}
              onClick={() =>
                update.mutate(
                  { registration: null },
                  {
                    onSuccess: () => {
                      setRegulator('');
                      setNumber('');
                    },
                  },
                )
              }
            >
              Remove it
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
