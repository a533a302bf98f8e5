import { Link, useParams } from 'react-router';
import { useReportBackLink, useReportBackViaLink } from '@web/features/actions/api/actions';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { ReportBackList } from './ReportBackForm';

/** The link from the e-mail before a meeting: report back on one's actions without signing in. */
export function ReportBackPage() {
  const { token = '' } = useParams();
  const link = useReportBackLink(token);
  const report = useReportBackViaLink(token);
  if (link.isPending) return <Loading what="your actions" />;
  if (link.isError) {
    return (
      <Page title="This link does not work">
        <LoadError error={link.error} />
        <p>
          <Link to="/">Sign in</Link> to report back on your actions from My sets.
        </p>
      </Page>
    );
  }
  const { displayName, setName, meeting, actions } = link.data;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || meeting.timeZone;
  const when = new Date(meeting.startsAt).toLocaleString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: zone });
  return (
    <Page title="How did your actions go?">
      <p className="lead">
        {displayName}, before the meeting of <strong>{setName}</strong> on {when}: for each action, say whether it is done, partly done or not done, and what you learned. Your answers open the meeting's check-in; you can change them until it starts.
      </p>
      {report.isSuccess && (
        <p role="status" className="alert alert--ok">
          Thank you: your report-back on “{report.data.text}” is recorded.
        </p>
      )}
      {actions.length === 0 ? (
        <p>You have no actions to report on in this set.</p>
      ) : (
        <ReportBackList
          actions={actions}
          showSet={false}
          pendingId={report.isPending ? (report.variables?.actionId ?? null) : null}
          error={report.isError && report.variables ? { actionId: report.variables.actionId, error: report.error } : null}
          onReport={(actionId, body) => report.mutate({ actionId, ...body })}
        />
      )}
    </Page>
  );
}
