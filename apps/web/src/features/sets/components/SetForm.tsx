import { useMemo, useState, type FormEvent } from 'react';
import { APOLOGY_NOTICE_HOURS, GROUND_RULES_MAX, QUORUM, ROUND_DAYS_LIMITS, ROUND_DEFAULT_DAYS, ROUND_PHASE_LABELS, SET_MODES, SET_NAME_MAX, SET_PURPOSE_MAX, TIMED_PHASES, type SetCreateRequest, type SetMode, type TimedPhase } from '@als/shared';
import { SelectField, TextAreaField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { timeZoneOptions } from '@web/ui/timeZones';
import { MODE_LABELS } from '@web/features/sets/labels';

const MODE_OPTIONS = SET_MODES.map((mode) => ({ value: mode, label: MODE_LABELS[mode] }));

/** Name, purpose, mode, time zone and ground rules: creating a set and editing it share this form. */
export function SetForm({
  initial,
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: SetCreateRequest;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: SetCreateRequest) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial.name);
  const [purpose, setPurpose] = useState(initial.purpose ?? '');
  const [mode, setMode] = useState<SetMode>(initial.mode);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [groundRules, setGroundRules] = useState(initial.groundRules ?? '');
  const [notice, setNotice] = useState(String(initial.apologyNoticeHours ?? APOLOGY_NOTICE_HOURS.default));
  const [quorum, setQuorum] = useState(initial.quorum === null ? '' : String(initial.quorum ?? QUORUM.default));
  const [rhythm, setRhythm] = useState<Record<TimedPhase, string>>(() => Object.fromEntries(TIMED_PHASES.map((p) => [p, String(initial.roundPhaseDays?.[p] ?? ROUND_DEFAULT_DAYS[p])])) as Record<TimedPhase, string>);
  const zones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const roundPhaseDays = Object.fromEntries(TIMED_PHASES.map((p) => [p, Number(rhythm[p])])) as Record<TimedPhase, number>;
    onSubmit({ name, purpose, mode, timeZone, groundRules, apologyNoticeHours: Number(notice), quorum: quorum.trim() === '' ? null : Number(quorum), roundPhaseDays });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormError error={error} />
      <TextField label="Name of the set" name="name" required maxLength={SET_NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(error, 'name')} />
      <TextAreaField label="Purpose" hint="What the set is for, in a sentence or two. Members read this before they join." name="purpose" rows={3} maxLength={SET_PURPOSE_MAX} value={purpose} onChange={(e) => setPurpose(e.target.value)} error={fieldError(error, 'purpose')} />
      <SelectField label="How the set meets" name="mode" value={mode} onChange={(e) => setMode(e.target.value as SetMode)} options={MODE_OPTIONS} error={fieldError(error, 'mode')} />
      <SelectField label="Time zone of the set" hint="Meetings are scheduled in this zone; members elsewhere see their own time too." name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} options={zones} error={fieldError(error, 'timeZone')} />
      <TextAreaField label="Ground rules" hint="One rule per line. Everyone accepts them when they join; agree changes with the set." name="groundRules" rows={9} maxLength={GROUND_RULES_MAX} value={groundRules} onChange={(e) => setGroundRules(e.target.value)} error={fieldError(error, 'groundRules')} />
      <fieldset className="form--row form">
        <legend>Meeting rules</legend>
        <TextField label="Notice for apologies, in hours" hint="An apology with less notice is marked late." type="number" name="apologyNoticeHours" min={APOLOGY_NOTICE_HOURS.min} max={APOLOGY_NOTICE_HOURS.max} value={notice} onChange={(e) => setNotice(e.target.value)} error={fieldError(error, 'apologyNoticeHours')} />
        <TextField label="Quorum" hint="Fewest people a meeting needs; facilitators are warned below it. Leave empty for none." type="number" name="quorum" min={QUORUM.min} max={QUORUM.max} value={quorum} onChange={(e) => setQuorum(e.target.value)} error={fieldError(error, 'quorum')} />
      </fieldset>
      <fieldset className="form--row form">
        <legend>Rounds: days for each phase</legend>
        {TIMED_PHASES.map((phase) => (
          <TextField key={phase} label={ROUND_PHASE_LABELS[phase]} type="number" name={`roundPhaseDays.${phase}`} min={ROUND_DAYS_LIMITS.min} max={ROUND_DAYS_LIMITS.max} value={rhythm[phase]} onChange={(e) => setRhythm((r) => ({ ...r, [phase]: e.target.value }))} error={fieldError(error, `roundPhaseDays.${phase}`)} />
        ))}
      </fieldset>
      <div className="form__buttons">
        <button type="submit" className="button" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
