import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DEFAULT_GROUND_RULES, type MeResponse } from '@als/shared';
import { useCreateSet } from '@web/features/sets/api/sets';
import { Page } from '@web/ui/Page';
import { fieldError } from '@web/ui/FormError';
import { OrganisationChoice } from '@web/features/organisations/components/OrganisationChoice';
import { SetForm } from './SetForm';

export function CreateSetPage({ me }: { me: MeResponse }) {
  const navigate = useNavigate();
  const create = useCreateSet();
  const [organisationId, setOrganisationId] = useState('');
  return (
    <Page title="Create a set">
      <p className="lead">You will be the set's facilitator. Next, you invite the members (usually 4 to 8) and, if there is one, a sponsor.</p>
      <OrganisationChoice value={organisationId} onChange={setOrganisationId} error={fieldError(create.error, 'organisationId')} />
      <SetForm
        initial={{ name: '', purpose: '', mode: 'face-to-face', timeZone: me.timeZone, groundRules: DEFAULT_GROUND_RULES }}
        submitLabel="Create set"
        pendingLabel="Creating…"
        pending={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate(organisationId ? { ...values, organisationId } : values, { onSuccess: (set) => navigate(`/sets/${set.id}`) })}
        onCancel={() => navigate('/')}
      />
    </Page>
  );
}
