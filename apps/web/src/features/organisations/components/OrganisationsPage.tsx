import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldError, FormError } from '@web/ui/FormError';
import { TextField } from '@web/ui/Field';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useCreateOrganisation, useMyOrganisations } from '@web/features/organisations/api/organisations';

const ROLE_WORDS = { admin: 'admin', member: 'member' } as const;

/** The caller's organisations, and a form to create one (its creator is its first admin). */
export function OrganisationsPage() {
  const organisations = useMyOrganisations();
  const create = useCreateOrganisation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [domains, setDomains] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const emailDomains = domains.split(/[\s,]+/).filter(Boolean);
    create.mutate({ name, ...(emailDomains.length ? { emailDomains } : {}) }, { onSuccess: (organisation) => navigate(`/organisations/${organisation.id}`) });
  }

  return (
    <Page title="Organisations">
      {organisations.isPending && <Loading what="your organisations" />}
      {organisations.isError && <LoadError error={organisations.error} />}
      {organisations.data && organisations.data.length === 0 && <p>You are not in any organisation yet.</p>}
      {organisations.data && organisations.data.length > 0 && (
        <ul className="list">
          {organisations.data.map((o) => (
            <li key={o.id}>
              {o.role === 'admin' ? <Link to={`/organisations/${o.id}`}>{o.name}</Link> : <span>{o.name}</span>} <span className="muted">({ROLE_WORDS[o.role]})</span>
            </li>
          ))}
        </ul>
      )}
      <section className="panel" aria-labelledby="create-title">
        <h2 id="create-title">Create an organisation</h2>
        <form className="form" onSubmit={submit} noValidate>
          <FormError error={create.error} />
          <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name')} required />
          <TextField
            label="E-mail domains (optional)"
            name="emailDomains"
            hint="Your staff's e-mail domains, separated by commas, such as northshire.gov.uk. People signing in with single sign-on from them join as members."
            value={domains}
            onChange={(e) => setDomains(e.target.value)}
            error={fieldError(create.error, 'emailDomains')}
          />
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create the organisation'}
          </button>
        </form>
      </section>
    </Page>
  );
}
