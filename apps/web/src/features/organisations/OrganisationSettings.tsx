import { useState, type FormEvent } from 'react';
import type { OrganisationResponse } from '@als/shared';
import { TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { useUpdateOrganisation } from './api';

/** The organisation's settings: name, e-mail domains, and whether its people must use single sign-on. */
export function OrganisationSettings({ organisation }: { organisation: OrganisationResponse }) {
  const update = useUpdateOrganisation(organisation.id);
  const [name, setName] = useState(organisation.name);
  const [domains, setDomains] = useState(organisation.emailDomains.join(', '));
  const [requireSso, setRequireSso] = useState(organisation.requireSso);

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ name, emailDomains: domains.split(/[\s,]+/).filter(Boolean), requireSso });
  }

  return (
    <section className="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <form className="form" onSubmit={submit} noValidate>
        {update.isSuccess && (
          <p className="alert alert--success" role="status">
            Saved.
          </p>
        )}
        <FormError error={update.error} />
        <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(update.error, 'name')} />
        <TextField label="E-mail domains" name="emailDomains" hint="Separated by commas." value={domains} onChange={(e) => setDomains(e.target.value)} error={fieldError(update.error, 'emailDomains')} />
        <label className="checkbox">
          <input type="checkbox" name="requireSso" checked={requireSso} onChange={(e) => setRequireSso(e.target.checked)} /> Require single sign-on for these domains (password sign-in is then refused for them)
        </label>
        <button type="submit" className="button" disabled={update.isPending}>
          Save the settings
        </button>
      </form>
    </section>
  );
}
