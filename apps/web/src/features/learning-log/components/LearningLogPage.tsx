import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { countWords, LEARNING_LOG_LIMITS, type LearningLogEntryResponse } from '@als/shared';
import { useDeleteLogEntry, useLearningLog, useSaveLogEntry } from '@web/features/learning-log/api/learningLog';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { TextAreaField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { CpdExport } from './CpdExport';

const PROMPTS = [
  { key: 'body', label: 'What happened?' },
  { key: 'learned', label: 'What did I learn?' },
  { key: 'different', label: 'What will I do differently?' },
  { key: 'impact', label: 'What was the impact on the people I work with?' },
] as const;
type PromptKey = (typeof PROMPTS)[number]['key'];

function EntryForm({ entry, meetingId, roundId, onDone }: { entry?: LearningLogEntryResponse; meetingId?: string; roundId?: string; onDone: () => void }) {
  const save = useSaveLogEntry(entry?.id);
  const [title, setTitle] = useState(entry?.title ?? '');
  const [occurredOn, setOccurredOn] = useState(entry?.occurredOn ?? new Date().toISOString().slice(0, 10));
  const [hours, setHours] = useState(entry?.hours != null ? String(entry.hours) : '');
  const [texts, setTexts] = useState<Record<PromptKey, string>>({ body: entry?.body ?? '', learned: entry?.learned ?? '', different: entry?.different ?? '', impact: entry?.impact ?? '' });
  const words = countWords(...Object.values(texts));
  const error = save.error;
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ title, occurredOn, hours: hours.trim() === '' ? null : Number(hours), ...texts, ...(meetingId && !entry ? { meetingId } : {}), ...(roundId && !entry ? { roundId } : {}) }, { onSuccess: onDone });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={entry ? 'Edit entry' : 'New entry'}>
      <FormError error={error} />
      <div className="form--row form">
        <TextField label="Title" name="title" maxLength={LEARNING_LOG_LIMITS.title} value={title} onChange={(e) => setTitle(e.target.value)} error={fieldError(error, 'title')} />
        <TextField label="Date" type="date" name="occurredOn" value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} error={fieldError(error, 'occurredOn')} />
        <TextField
          label="Time spent (hours)"
          hint={roundId || entry?.roundId ? 'For your CPD record: hours you give here replace the estimate for the round (from the phases you wrote in).' : 'For your CPD record, if this was an activity of its own.'}
          type="number" name="hours" min={0} max={24} step={0.25} value={hours} onChange={(e) => setHours(e.target.value)} error={fieldError(error, 'hours')} />
      </div>
      {PROMPTS.map((p) => (
        <TextAreaField key={p.key} label={p.label} name={p.key} rows={p.key === 'body' ? 5 : 3} value={texts[p.key]} onChange={(e) => setTexts((t) => ({ ...t, [p.key]: e.target.value }))} error={fieldError(error, p.key)} />
      ))}
      <p className={words >= LEARNING_LOG_LIMITS.guidanceWords ? 'notice-line hint--good' : 'notice-line'} aria-live="polite">
        {words} words. {words >= LEARNING_LOG_LIMITS.guidanceWords ? 'That meets the guidance of about 200 words per activity.' : `Reflective statements for CPD are usually about ${LEARNING_LOG_LIMITS.guidanceWords} words.`}
      </p>
      <div className="form__buttons">
        <button type="submit" className="button" disabled={save.isPending}>
          {entry ? 'Save changes' : 'Save entry'}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Entry({ entry }: { entry: LearningLogEntryResponse }) {
  const [editing, setEditing] = useState(false);
  const remove = useDeleteLogEntry();
  if (editing) return <EntryForm key={entry.updatedAt} entry={entry} onDone={() => setEditing(false)} />;
  return (
    <article className="panel entry" aria-labelledby={`entry-${entry.id}`}>
      <h2 id={`entry-${entry.id}`}>{entry.title}</h2>
      <p className="meta">
        {new Date(`${entry.occurredOn}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })} · {entry.wordCount} words
        {entry.hours ? ` · ${entry.hours} hours` : ''}
        {entry.meetingId && (
          <>
            {' '}
            · <Link to={`/meetings/${entry.meetingId}`}>the meeting</Link>
          </>
        )}
      </p>
      {PROMPTS.filter((p) => entry[p.key]).map((p) => (
        <div key={p.key}>
          <h3>{p.label}</h3>
          <p className="prose">{entry[p.key]}</p>
        </div>
      ))}
      <div className="form__buttons">
        <button type="button" className="button button--quiet" onClick={() => setEditing(true)}>
          Edit
        </button>
        <ConfirmButton label="Delete" confirmLabel="Yes, delete this entry for good" disabled={remove.isPending} onConfirm={() => remove.mutate(entry.id)} />
      </div>
      <FormError error={remove.error} />
    </article>
  );
}

/** The person's private learning log: only they can ever read it. */
export function LearningLogPage() {
  const log = useLearningLog();
  const [params, setParams] = useSearchParams();
  const meetingId = params.get('meetingId') ?? undefined;
  const roundId = params.get('roundId') ?? undefined;
  const [writing, setWriting] = useState(Boolean(meetingId || roundId));
  const done = () => {
    setWriting(false);
    if (meetingId || roundId) setParams({});
  };
  return (
    <Page
      title="Learning log"
      actions={
        !writing && (
          <button type="button" className="button" onClick={() => setWriting(true)}>
            New entry
          </button>
        )
      }
    >
      <p className="lead">Private: only you can read these entries — not the facilitator, not a sponsor, not an administrator.</p>
      <CpdExport />
      {writing && (
        <section className="panel" aria-label="New entry">
          {meetingId && <p className="muted">Linked to the meeting you came from.</p>}
          {roundId && <p className="muted">Linked to the round you came from.</p>}
          <EntryForm meetingId={meetingId} roundId={roundId} onDone={done} />
        </section>
      )}
      {log.isPending && <Loading what="your learning log" />}
      {log.isError && <LoadError error={log.error} />}
      {log.data?.length === 0 && !writing && <p className="muted">No entries yet. After a meeting, write what happened, what you learned and what you will do differently.</p>}
      {log.data?.map((entry) => <Entry key={entry.id} entry={entry} />)}
    </Page>
  );
}
