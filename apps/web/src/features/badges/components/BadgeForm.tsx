import { useState, type FormEvent } from 'react';
import { BADGE_LIMITS, DEFAULT_BADGE_PROMPTS, type BadgeResponse } from '@als/shared';
import { useSaveBadge } from '@web/features/badges/api/badges';
import { TextAreaField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';

/** The facilitator's badge settings: name, description, criteria, reflective prompts. */
export function BadgeForm({ setId, badge, onDone }: { setId: string; badge: BadgeResponse | null; onDone: () => void }) {
  const save = useSaveBadge(setId);
  const [name, setName] = useState(badge?.name ?? '');
  const [description, setDescription] = useState(badge?.description ?? '');
  const [minMeetings, setMinMeetings] = useState(String(badge?.criteria.minMeetings ?? 4));
  const [presented, setPresented] = useState(badge?.criteria.presented ?? true);
  const [minWords, setMinWords] = useState(String(badge?.criteria.minWords ?? 200));
  const [prompts, setPrompts] = useState((badge?.prompts ?? DEFAULT_BADGE_PROMPTS).join('\n'));
  const error = save.error;
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { name, description, criteria: { minMeetings: Number(minMeetings), presented, minWords: Number(minWords) }, prompts: prompts.split('\n').map((p) => p.trim()).filter(Boolean) },
      { onSuccess: onDone },
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Badge settings">
      <FormError error={error} />
      <TextField label="Badge name" name="name" maxLength={BADGE_LIMITS.name} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} />
      <TextAreaField label="What it certifies" hint="Public: anyone the badge is shown to reads it." name="description" rows={3} maxLength={BADGE_LIMITS.description} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError(error, 'description')} />
      <fieldset className="form">
        <legend>Criteria</legend>
        <div className="form--row form">
          <TextField label="Meetings attended, at least" type="number" min={BADGE_LIMITS.minMeetings.min} max={BADGE_LIMITS.minMeetings.max} name="minMeetings" value={minMeetings} onChange={(e) => setMinMeetings(e.target.value)} error={fieldError(error, 'criteria.minMeetings')} />
          <TextField label="Words in the reflective statement, at least" type="number" min={BADGE_LIMITS.minWords.min} max={BADGE_LIMITS.minWords.max} name="minWords" value={minWords} onChange={(e) => setMinWords(e.target.value)} error={fieldError(error, 'criteria.minWords')} hint="The SSSC asks for 200 (400 for some badges)." />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={presented} onChange={(e) => setPresented(e.target.checked)} /> Presented a problem at least once
        </label>
      </fieldset>
      <TextAreaField label="Reflective prompts (one per line)" hint="What applicants answer in their statement." name="prompts" rows={5} value={prompts} onChange={(e) => setPrompts(e.target.value)} error={fieldError(error, 'prompts')} />
      <div className="form__buttons">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save badge'}
        </button>
        {badge && (
          <button type="button" className="button button--quiet" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
