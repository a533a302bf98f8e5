import { useState, type FormEvent } from 'react';
import type { OrganisationResponse } from '@als/shared';
import { TextAreaField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { useUpdateOrganisation } from '@web/features/organisations/api/organisations';

/** The organisation's settings: name, e-mail domains, and whether its people must use single sign-on. */
export function OrganisationSettings({ organisation }: { organisation: OrganisationResponse }) {
  const update = useUpdateOrganisation(organisation.id);
  const [name, setName] = useState(organisation.name);
  const [domains, setDomains] = useState(organisation.emailDomains.join(', '));
  const [requireSso, setRequireSso] = useState(organisation.requireSso);
  const [groundRules, setGroundRules] = useState(organisation.defaultGroundRules ?? '');
  const [retention, setRetention] = useState(organisation.defaultRetentionDays?.toString() ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({
      name,
      emailDomains: domains.split(/[\s,]+/).filter(Boolean),
      requireSso,
      defaultGroundRules: groundRules.trim() ? groundRules : null,
      defaultRetentionDays: retention.trim() ? Number(retention) : null,
    });
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
        <TextField label="E-mail domains" name="emailDomains" hint="Separated by commas. Each stays pending (without effect) until verified above." value={domains} onChange={(e) => setDomains(e.target.value)} error={fieldError(update.error, 'emailDomains')} />
        <label className="checkbox">
          <input type="checkbox" name="requireSso" checked={requireSso} onChange={(e) => setRequireSso(e.target.checked)} /> Require single sign-on for these domains once verified (password sign-in is then refused for them)
        </label>
        <TextAreaField label="Ground rules for new sets (optional)" name="defaultGroundRules" hint="Empty: the platform's standard ground rules. A set's facilitator can still change them." rows={6} value={groundRules} onChange={(e) => setGroundRules(e.target.value)} error={fieldError(update.error, 'defaultGroundRules')} />
        <TextField label="Days a closed set keeps its case content (optional)" name="defaultRetentionDays" type="number" min={0} hint="Empty: the platform's default (90 days)." value={retention} onChange={(e) => setRetention(e.target.value)} error={fieldError(update.error, 'defaultRetentionDays')} />
        <button type="submit" className="button" disabled={update.isPending}>
          Save the settings
        </button>
      </form>
    </section>
  );
}
