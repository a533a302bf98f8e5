import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { BADGE_LIMITS, DEFAULT_BADGE_PROMPTS, type BadgeResponse, type SetDetailResponse } from '@als/shared';
import { TextAreaField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';
import { useBadge, useBadgeImage, useSaveBadge } from '@web/features/badges/api/badges';

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

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

function BadgeImageControl({ setId, badge }: { setId: string; badge: BadgeResponse }) {
  const image = useBadgeImage(setId);
  const [readError, setReadError] = useState<Error | null>(null);
  return (
    <div className="form">
      <FormError error={readError ?? image.error} />
      <label htmlFor="badge-image">Badge image (PNG or SVG, at most {BADGE_LIMITS.imageBytes / 1024} KB)</label>
      <input
        id="badge-image"
        type="file"
        accept="image/png,image/svg+xml"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          setReadError(null);
          readAsDataUrl(file).then((dataUrl) => image.mutate(dataUrl), (e: Error) => setReadError(e));
        }}
      />
      {badge.customImage && (
        <button type="button" className="button button--quiet button--small" onClick={() => image.mutate(null)} disabled={image.isPending}>
          Use the generated image
        </button>
      )}
    </div>
  );
}

/** The set's badge on its page: settings for facilitators, the way to apply for members, what it is for sponsors. */
export function BadgePanel({ set }: { set: SetDetailResponse }) {
  const badge = useBadge(set.id);
  const [editing, setEditing] = useState(false);
  const facilitating = set.role === 'facilitator';
  if (badge.isPending) return <Loading what="the badge" />;
  if (badge.isError) return <LoadError error={badge.error} />;
  const data = badge.data;
  if (!data && !facilitating) return null;
  return (
    <section className="panel" aria-labelledby="badge-title">
      <div className="page__header">
        <h2 id="badge-title">Open Badge</h2>
        {facilitating && data && !editing && (
          <button type="button" className="button button--quiet" onClick={() => setEditing(true)}>
            Edit badge
          </button>
        )}
      </div>
      {facilitating && (editing || !data) ? (
        <>
          {!data && <p className="muted">Give the set a badge: members who meet its criteria apply with a reflective statement, you approve it, and they get a credential anyone can verify.</p>}
          <BadgeForm key={data?.updatedAt ?? 'new'} setId={set.id} badge={data} onDone={() => setEditing(false)} />
        </>
      ) : data ? (
        <div className="columns">
          <div>
            <img src={data.imageUrl} alt={`The badge: ${data.name}`} width={120} height={120} />
          </div>
          <div>
            <h3>{data.name}</h3>
            <p className="prose">{data.description}</p>
            <p className="muted">{data.narrative}</p>
            {facilitating && <BadgeImageControl setId={set.id} badge={data} />}
            <p>
              {set.role !== 'sponsor' && <Link to={`/sets/${set.id}/badge`}>Your progress and application</Link>}
              {facilitating && (
                <>
                  {' · '}
                  <Link to={`/sets/${set.id}/badge/review`}>Review applications</Link>
                </>
              )}
            </p>
          </div>
        </div>
      ) : null}
    </section>
  );
}
