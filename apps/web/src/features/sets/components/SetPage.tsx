import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { MeResponse } from '@als/shared';
import { ApiError } from '@web/api/client';
import { ActionsPanel } from '@web/features/actions/components/ActionsPanel';
import { BadgePanel } from '@web/features/badges/components/BadgePanel';
import { EndingPanel } from '@web/features/ending/components/EndingPanel';
import { SelfAssessmentPanel } from '@web/features/evaluation/components/SelfAssessmentPanel';
import { InvitationsPanel } from '@web/features/invitations/components/InvitationsPanel';
import { MeetingsPanel } from '@web/features/meetings/components/MeetingsPanel';
import { OrganisationLogo } from '@web/features/organisations/components/OrganisationBrand';
import { SetFacilitatorNotes } from '@web/features/facilitation/components/SetFacilitatorNotes';
import { RoundsPanel } from '@web/features/rounds/components/RoundsPanel';
import { useSet } from '@web/features/sets/api/sets';
import { MODE_LABELS, ROLE_LABELS } from '@web/features/sets/labels';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { ClosedSetNotice, CloseSetPanel } from './CloseSetPanel';
import { EditSetPanel } from './EditSetPanel';
import { MembersPanel } from './MembersPanel';
import { SetNextMeeting } from './SetNextMeeting';
import { SetOverview } from './SetOverview';
import { PracticeBadge } from './PracticeBadge';
import { isSetSection, sectionsFor, SetSectionNav } from './SetSections';

/**
 * A set's page, in sections (SetSections.tsx), each at its own address and shown only to the roles
 * that can use it: overview (settings, closing), meetings, rounds, actions, people (members and
 * invitations), evaluation (self-assessment, badge, the evaluation's figures).
 */
export function SetPage({ me }: { me: MeResponse }) {
  const { setId = '', section: sectionParam = 'overview' } = useParams();
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
  const available = sectionsFor(data.role);
  if (!isSetSection(sectionParam) || !available.includes(sectionParam)) {
    return (
      <Page title="Page not found">
        <p>This set has no such section.</p>
        <p>
          <Link to={`/sets/${data.id}`}>Back to the set</Link>
        </p>
      </Page>
    );
  }
  const section = sectionParam;
  return (
    <Page
      title={data.name}
      actions={
        facilitating && !editing && section === 'overview' ? (
          <button type="button" className="button button--quiet" onClick={() => setEditing(true)}>
            Edit set
          </button>
        ) : undefined
      }
    >
      {data.organisationId && <OrganisationLogo orgId={data.organisationId} withName />}
      <p className="meta">
        {data.practice && <PracticeBadge />} <span className="badge">{MODE_LABELS[data.mode]}</span> Time zone {data.timeZone.replace(/_/g, ' ')} · You are {ROLE_LABELS[data.role].toLowerCase()}
      </p>
      <SetSectionNav set={data} />
      <ClosedSetNotice set={data} />
      {section === 'overview' && (
        <>
          {/* The size note asks for more people: only a facilitator can invite them. */}
          {facilitating && data.sizeNote && (
            <p className="alert alert--warning" role="note">
              {data.sizeNote} <Link to={`/sets/${data.id}/people`}>Invite people</Link>
            </p>
          )}
          {!editing && <SetNextMeeting set={data} me={me} />}
          {editing ? <EditSetPanel set={data} onDone={() => setEditing(false)} /> : <SetOverview set={data} />}
          <EndingPanel set={data} />
          <CloseSetPanel key={data.retentionDays} set={data} />
        </>
      )}
      {section === 'meetings' && (
        <>
          <MeetingsPanel set={data} me={me} />
          <SetFacilitatorNotes set={data} me={me} />
        </>
      )}
      {section === 'rounds' && <RoundsPanel set={data} me={me} onOpened={(roundId) => navigate(`/rounds/${roundId}`)} />}
      {section === 'actions' && <ActionsPanel set={data} myId={me.id} />}
      {section === 'people' && (
        <>
          <MembersPanel set={data} myId={me.id} />
          {facilitating && data.status === 'active' && <InvitationsPanel setId={data.id} />}
        </>
      )}
      {section === 'evaluate' && (
        <>
          {(facilitating || data.role === 'sponsor') && (
            <p>
              <Link to={`/sets/${data.id}/evaluation`}>See how the set is working: the evaluation</Link>
            </p>
          )}
          {data.role !== 'sponsor' && <SelfAssessmentPanel setId={data.id} />}
          <BadgePanel set={data} />
        </>
      )}
    </Page>
  );
}
