import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { OrganisationSetSummary, ProgrammeResponse } from '@als/shared';
import { TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useCreateProgramme, useOrganisation, useProgrammeEvaluation, useProgrammes, useProgrammeSets } from '@web/features/organisations/api/organisations';
import { OrganisationNav } from './OrganisationNav';

function ProgrammeFigures({ orgId, programmeId }: { orgId: string; programmeId: string }) {
  const figures = useProgrammeEvaluation(orgId, programmeId);
  if (!figures.data) return null;
  const f = figures.data;
  return (
    <p className="muted">
      {f.setCount} sets · {f.attendance.meetings} meetings held · {f.attendance.attending} attending, {f.attendance.apologies} apologies · {f.questionKinds.open} open questions of {f.questionKinds.open + f.questionKinds.closed + f.questionKinds.leading + f.questionKinds.advice} · average rating {f.ratings.average ?? '—'}
    </p>
  );
}

function Programme({ orgId, programme, sets }: { orgId: string; programme: ProgrammeResponse; sets: OrganisationSetSummary[] }) {
  const save = useProgrammeSets(orgId, programme.id);
  const [chosen, setChosen] = useState<string[]>(programme.setIds);
  return (
    <section className="panel" aria-labelledby={`programme-${programme.id}`}>
      <h2 id={`programme-${programme.id}`}>{programme.name}</h2>
      <p>
        {programme.startsOn} to {programme.endsOn ?? 'open-ended'}
      </p>
      <ProgrammeFigures orgId={orgId} programmeId={programme.id} />
      <fieldset>
        <legend>Its sets</legend>
        {sets.map((s) => (
          <label key={s.id} className="checkbox">
            <input type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((id) => id !== s.id))} /> {s.name}
          </label>
        ))}
      </fieldset>
      <FormError error={save.error} />
      <p className="form__buttons">
        <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate(chosen)}>
          Save the sets of {programme.name}
        </button>
        <a className="button button--quiet" href={`/api/organisations/${orgId}/programmes/${programme.id}/evaluation.csv`}>
          Download the figures (CSV)
        </a>
        <a className="button button--quiet" href={`/api/organisations/${orgId}/programmes/${programme.id}/evaluation.pdf`}>
          Download the report for commissioners (PDF)
        </a>
      </p>
    </section>
  );
}

/** Programmes: cohorts of the organisation's sets, with dates, their figures and a CSV for commissioners. */
export function ProgrammesPage() {
  const { orgId = '' } = useParams();
  const programmes = useProgrammes(orgId);
  const organisation = useOrganisation(orgId);
  const create = useCreateProgramme(orgId);
  const [name, setName] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, startsOn, ...(endsOn ? { endsOn } : {}) }, { onSuccess: () => setName('') });
  }

  if (programmes.isPending || organisation.isPending) return <Loading what="the programmes" />;
  if (programmes.isError) return <LoadError error={programmes.error} />;
  if (organisation.isError) return <LoadError error={organisation.error} />;
  return (
    <Page title="Programmes">
      <OrganisationNav orgId={orgId} />
      {programmes.data.length === 0 && <p>No programmes yet.</p>}
      {programmes.data.map((p) => (
        <Programme key={p.id} orgId={orgId} programme={p} sets={organisation.data.sets} />
      ))}
      <section className="panel" aria-labelledby="new-programme">
        <h2 id="new-programme">New programme</h2>
        <form className="form" onSubmit={submit} noValidate>
          <FormError error={create.error} />
          <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name')} />
          <TextField label="First day" name="startsOn" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} error={fieldError(create.error, 'startsOn')} />
          <TextField label="Last day (optional)" name="endsOn" type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} error={fieldError(create.error, 'endsOn')} />
          <button type="submit" className="button" disabled={create.isPending}>
            Create the programme
          </button>
        </form>
      </section>
    </Page>
  );
}
