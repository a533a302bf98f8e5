import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { MeResponse } from '@als/shared';
import { ApiError } from '@web/api/client';
import { ActionsPanel } from '@web/features/actions/components/ActionsPanel';
import { BadgePanel } from '@web/features/badges/components/BadgePanel';
import { SelfAssessmentPanel } from '@web/features/evaluation/components/SelfAssessmentPanel';
import { InvitationsPanel } from '@web/features/invitations/components/InvitationsPanel';
import { MeetingsPanel } from '@web/features/meetings/components/MeetingsPanel';
import { SetFacilitatorNotes } from '@web/features/facilitation/components/SetFacilitatorNotes';
import { RoundsPanel } from '@web/features/rounds/components/RoundsPanel';
import { useSet } from '@web/features/sets/api/sets';
import { MODE_LABELS, ROLE_LABELS } from '@web/features/sets/labels';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { ClosedSetNotice, CloseSetPanel } from './CloseSetPanel';
import { EditSetPanel } from './EditSetPanel';
import { MembersPanel } from './MembersPanel';
import { SetOverview } from './SetOverview';

/** A set's page: its settings, meetings, rounds, actions, badge, members, invitations, self-assessment and closing. */
export function SetPage({ me }: { me: MeResponse }) {
  const { setId = '' } = useParams();
  const set = useSet(setId);
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
      {editing ? <EditSetPanel set={data} onDone={() => setEditing(false)} /> : <SetOverview set={data} />}
      <MeetingsPanel set={data} me={me} />
      <SetFacilitatorNotes set={data} me={me} />
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
