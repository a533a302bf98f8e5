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
  const [practice, setPractice] = useState(false);
  return (
    <Page title="Create a set">
      <p className="lead">You will be the set's facilitator. Next, you invite the members (usually 4 to 8) and, if there is one, a sponsor.</p>
      <OrganisationChoice value={organisationId} onChange={setOrganisationId} error={fieldError(create.error, 'organisationId')} />
      <fieldset className="form">
        <legend>Real or practice</legend>
        <label className="choice">
          <input type="checkbox" checked={practice} onChange={(e) => setPractice(e.target.checked)} /> A practice set, for a demonstration or training
        </label>
        <p className="muted">
          A practice set runs on compressed time: its meetings and rounds may be set in the past or minutes apart. It is shown as “Practice set” everywhere, left out of organisation figures, and its CPD records are marked practice. This is chosen now only: a set never changes between practice and real.
        </p>
      </fieldset>
      <SetForm
        initial={{ name: '', purpose: '', mode: 'face-to-face', timeZone: me.timeZone, groundRules: DEFAULT_GROUND_RULES }}
        submitLabel="Create set"
        pendingLabel="Creating…"
        pending={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate({ ...values, ...(organisationId ? { organisationId } : {}), ...(practice ? { practice: true } : {}) }, { onSuccess: (set) => navigate(`/sets/${set.id}`) })}
        onCancel={() => navigate('/')}
      />
    </Page>
  );
}
