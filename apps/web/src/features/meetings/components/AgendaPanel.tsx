import { useState, type FormEvent } from 'react';
import { AGENDA_LABELS, AGENDA_PHASE_MAX_MINUTES, AGENDA_PHASES, agendaFit, type MeetingAgenda } from '@als/shared';
import { useUpdateMeeting, useUpdateSeries } from '@web/features/meetings/api/meetings';
import { FormError } from '@web/ui/FormError';

/** The meeting's agenda (DOMAIN.md's live meeting) with its timings, whether it fits, and the facilitator's editor. */
export function AgendaPanel({ meetingId, setId, seriesId, agenda, durationMinutes, participants, canEdit }: { meetingId: string; setId: string; seriesId: string | null; agenda: MeetingAgenda; durationMinutes: number; participants: number; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const fit = agendaFit(agenda, durationMinutes, participants);
  return (
    <section className="panel" aria-labelledby="agenda-title">
      <div className="page__header">
        <h2 id="agenda-title">Agenda</h2>
        {canEdit && !editing && (
          <button type="button" className="button button--quiet" onClick={() => setEditing(true)}>
            Edit timings
          </button>
        )}
      </div>
      {editing ? (
        <AgendaForm meetingId={meetingId} setId={setId} seriesId={seriesId} agenda={agenda} onDone={() => setEditing(false)} />
      ) : (
        <>
          <table className="table agenda">
            <caption className="visually-hidden">Agenda timings in minutes</caption>
            <thead>
              <tr>
                <th scope="col">Phase</th>
                <th scope="col">Minutes</th>
              </tr>
            </thead>
            <tbody>
              {AGENDA_PHASES.map((phase) => (
                <tr key={phase} className={['present', 'clarifying', 'questions', 'reflection', 'actions'].includes(phase) ? 'agenda__presenter' : undefined}>
                  <th scope="row">{AGENDA_LABELS[phase]}</th>
                  <td>{agenda[phase]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Check-in for {participants} {participants === 1 ? 'person' : 'people'}, bidding, process review and check-out take {fit.fixedMinutes} minutes; each presenter round takes {fit.roundMinutes}. In {durationMinutes} minutes there is time for{' '}
            <strong>
              {fit.presenters} presenter{fit.presenters === 1 ? '' : 's'}
            </strong>
            {fit.spareMinutes > 0 ? `, with ${fit.spareMinutes} minutes to spare` : ''}.
          </p>
        </>
      )}
    </section>
  );
}

function AgendaForm({ meetingId, setId, seriesId, agenda, onDone }: { meetingId: string; setId: string; seriesId: string | null; agenda: MeetingAgenda; onDone: () => void }) {
  const meeting = useUpdateMeeting(meetingId, setId);
  const series = useUpdateSeries(seriesId ?? '', setId);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(AGENDA_PHASES.map((p) => [p, String(agenda[p])])));
  const [wholeSeries, setWholeSeries] = useState(false);
  const error = meeting.error ?? series.error;
  function submit(event: FormEvent) {
    event.preventDefault();
    const next = Object.fromEntries(AGENDA_PHASES.map((p) => [p, Number(values[p])])) as MeetingAgenda;
    if (wholeSeries && seriesId) series.mutate({ agenda: next }, { onSuccess: onDone });
    else meeting.mutate({ agenda: next }, { onSuccess: onDone });
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Agenda timings">
      <FormError error={error} />
      <div className="agenda-form">
        {AGENDA_PHASES.map((phase) => (
          <div className="field" key={phase}>
            <label htmlFor={`agenda-${phase}`}>{AGENDA_LABELS[phase]}</label>
            <input id={`agenda-${phase}`} type="number" min={0} max={AGENDA_PHASE_MAX_MINUTES} step={1} required value={values[phase]} onChange={(e) => setValues((v) => ({ ...v, [phase]: e.target.value }))} />
          </div>
        ))}
      </div>
      {seriesId && (
        <label className="checkbox">
          <input type="checkbox" checked={wholeSeries} onChange={(e) => setWholeSeries(e.target.checked)} /> Use these timings for every meeting to come in this series
        </label>
      )}
      <div className="form__buttons">
        <button type="submit" className="button" disabled={meeting.isPending || series.isPending}>
          Save timings
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
