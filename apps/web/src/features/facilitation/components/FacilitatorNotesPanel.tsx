import { useState } from 'react';
import { REFLECTION_PROMPTS, type FacilitatorNote, type FacilitatorNoteRequest } from '@als/shared';
import { useFacilitatorNote, useSaveFacilitatorNote } from '@web/features/facilitation/api/facilitation';
import { fieldError, FormError } from '@web/ui/FormError';
import { TextAreaField } from '@web/ui/Field';
import { LoadError, Loading } from '@web/ui/Page';

type Target = { setId: string } | { meetingId: string };
type Fields = Required<FacilitatorNoteRequest>;
const REFLECTION = Object.keys(REFLECTION_PROMPTS) as (keyof typeof REFLECTION_PROMPTS)[];

function NoteForm({ target, note, fields, saveLabel }: { target: Target; note: FacilitatorNote; fields: readonly (keyof Fields)[]; saveLabel: string }) {
  const [values, setValues] = useState<Fields>({ body: note.body, wentWell: note.wentWell, doDifferently: note.doDifferently, forSupervision: note.forSupervision });
  const save = useSaveFacilitatorNote(target);
  const label = (f: keyof Fields) => (f === 'body' ? 'Your notes' : REFLECTION_PROMPTS[f]);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(Object.fromEntries(fields.map((f) => [f, values[f]])));
      }}
    >
      {fields.map((f) => (
        <TextAreaField key={f} label={label(f)} rows={f === 'body' ? 5 : 3} value={values[f]} error={fieldError(save.error, f)} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />
      ))}
      <div className="form__buttons">
        <button type="submit" className="button" disabled={save.isPending}>
          {saveLabel}
        </button>
        {save.isSuccess && !save.isPending && <span role="status">Saved.</span>}
      </div>
      <FormError error={save.error} />
    </form>
  );
}

/**
 * The facilitator's private notes on a set or a meeting (on a meeting, with the reflection after its
 * session): theirs alone, never in the record, CPD or anyone else's export.
 */
export function FacilitatorNotesPanel({ target, reflection = false }: { target: Target; reflection?: boolean }) {
  const note = useFacilitatorNote(target);
  const fields: (keyof Fields)[] = reflection ? ['body', ...REFLECTION] : ['body'];
  return (
    <section className="panel" id="facilitator-notes" aria-labelledby="facilitator-notes-title">
      <h2 id="facilitator-notes-title">Your facilitator’s notes</h2>
      <p className="muted">Only you can see these: they are not in the set’s record, anyone’s CPD or anyone else’s export.</p>
      {note.isPending && <Loading what="your notes" />}
      {note.isError && <LoadError error={note.error} />}
      {note.data && <NoteForm key={note.data.meetingId ?? note.data.setId} target={target} note={note.data} fields={fields} saveLabel="Save my notes" />}
    </section>
  );
}

/** Offered to the facilitator once the session has ended: a short reflection for their own supervision, kept as their private note on the meeting. */
export function ReflectionForm({ meetingId }: { meetingId: string }) {
  const note = useFacilitatorNote({ meetingId });
  if (note.isPending) return <Loading what="your reflection" />;
  if (note.isError) return <LoadError error={note.error} />;
  return <NoteForm key={note.data.meetingId ?? note.data.setId} target={{ meetingId }} note={note.data} fields={REFLECTION} saveLabel="Keep my reflection" />;
}
