import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { MeResponse } from '@als/shared';
import { ApiError } from '@web/api/client';
import { useSet, useUpdateSet } from '@web/features/sets/api/sets';
import { GroundRulesList } from '@web/ui/GroundRulesList';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { InvitationsPanel } from '@web/features/invitations/components/InvitationsPanel';
import { MODE_LABELS, ROLE_LABELS } from '@web/features/sets/labels';
import { MeetingsPanel } from '@web/features/meetings/components/MeetingsPanel';
import { MembersPanel } from './MembersPanel';
import { ActionsPanel } from '@web/features/actions/components/ActionsPanel';
import { SetForm } from './SetForm';
import { ClosedSetNotice, CloseSetPanel } from '@web/features/evaluation/components/CloseSetPanel';
import { RoundsPanel } from '@web/features/rounds/components/RoundsPanel';
import { SelfAssessmentPanel } from '@web/features/evaluation/components/SelfAssessmentPanel';
import { BadgePanel } from '@web/features/badges/components/BadgePanel';

export function SetPage({ me }: { me: MeResponse }) {
  const { setId = '' } = useParams();
  const set = useSet(setId);
  const update = useUpdateSet(setId);
  const [editing, setEditing] = useState(false);
  const navigate = useNavigate();

  if (set.isPending) return <Loading what="the set" />;
  if (set.isError) {
    if (set.error instanceof ApiError && set.error.status === 404) {
      return (
        <Page title="Set not found">
          <p>This set does not exist, or you are not a member of it.</p>
          <p>
            <Link to="/">Back to my sets</Link>
          </p>
        </Page>
      );
    }
    return <LoadError error={set.error} />;
  }

  const data = set.data;
  const facilitating = data.role === 'facilitator';
  return (
    <Page
      title={data.name}
      actions={
        facilitating && !editing ? (
          <button type="button" className="button button--quiet" onClick={() => setEditing(true)}>
            Edit set
          </button>
        ) : undefined
      }
    >
      <p className="meta">
        <span className="badge">{MODE_LABELS[data.mode]}</span> Time zone {data.timeZone.replace(/_/g, ' ')} · You are {ROLE_LABELS[data.role].toLowerCase()}
      </p>
      <ClosedSetNotice set={data} />
      {(facilitating || data.role === 'sponsor') && (
        <p>
          <Link to={`/sets/${data.id}/evaluation`}>See how the set is working: the evaluation</Link>
        </p>
      )}
      {data.sizeNote && (
        <p className="alert alert--warning" role="note">
          {data.sizeNote}
        </p>
      )}
      {editing ? (
        <section className="panel" aria-label="Edit set">
          <SetForm
            key={data.updatedAt}
            initial={{ name: data.name, purpose: data.purpose, mode: data.mode, timeZone: data.timeZone, groundRules: data.groundRules, apologyNoticeHours: data.apologyNoticeHours, quorum: data.quorum, roundPhaseDays: data.roundPhaseDays }}
            submitLabel="Save changes"
            pendingLabel="Saving…"
            pending={update.isPending}
            error={update.error}
            onSubmit={(values) => update.mutate(values, { onSuccess: () => setEditing(false) })}
            onCancel={() => {
              update.reset();
              setEditing(false);
            }}
          />
        </section>
      ) : (
        <div className="columns">
          <section className="panel" aria-labelledby="purpose-title">
            <h2 id="purpose-title">Purpose</h2>
            <p className="prose">{data.purpose || <span className="muted">No purpose written yet.</span>}</p>
          </section>
          <section className="panel" aria-labelledby="rules-title">
            <h2 id="rules-title">Ground rules</h2>
            <GroundRulesList rules={data.groundRules} />
            <p className="muted">
              Apologies need {data.apologyNoticeHours} hours' notice. {data.quorum === null ? 'The set has no quorum.' : `Quorum: ${data.quorum} people.`}
            </p>
          </section>
        </div>
      )}
      <MeetingsPanel set={data} me={me} />
      <RoundsPanel set={data} me={me} onOpened={(roundId) => navigate(`/rounds/${roundId}`)} />
      <ActionsPanel set={data} myId={me.id} />
      <BadgePanel set={data} />
      <MembersPanel set={data} myId={me.id} />
      {facilitating && data.status === 'active' && <InvitationsPanel setId={data.id} />}
      {data.role !== 'sponsor' && <SelfAssessmentPanel setId={data.id} />}
      <CloseSetPanel key={data.retentionDays} set={data} />
    </Page>
  );
}
