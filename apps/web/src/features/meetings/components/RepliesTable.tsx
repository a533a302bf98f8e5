import type { MeetingDetailResponse, MeetingReplyView } from '@als/shared';
import { useReplyOnBehalf } from '@web/features/meetings/api/meetings';
import { FormError } from '@web/ui/FormError';
import { count } from '@web/features/meetings/format';

function replyText(reply: MeetingReplyView): string {
  if (reply.status === 'attending') return 'Attending';
  if (reply.status === 'apology') return reply.late ? 'Apology (late)' : 'Apology';
  return 'No reply yet';
}

/** Who is coming and who sent apologies; facilitators of meetings in person record replies for people in the room. */
export function RepliesTable({ meeting }: { meeting: MeetingDetailResponse }) {
  const onBehalf = useReplyOnBehalf(meeting.id, meeting.setId);
  const replies = meeting.replies ?? [];
  const recording = meeting.role === 'facilitator' && meeting.format === 'in-person' && meeting.status === 'scheduled';
  return (
    <section className="panel" aria-labelledby="replies-title">
      <h2 id="replies-title">Who is coming</h2>
      <p className="muted">
        {meeting.attendance?.attending ?? 0} attending · {count(meeting.attendance?.apologies ?? 0, 'apology', 'apologies')}
        {(meeting.attendance?.lateApologies ?? 0) > 0 && ` (${meeting.attendance?.lateApologies} late)`} · {replies.filter((r) => !r.status).length} not replied
      </p>
      {recording && <p className="muted">For a meeting in the room you can record replies for people, for example someone who phoned in an apology.</p>}
      <FormError error={onBehalf.error} />
      <table className="table">
        <caption className="visually-hidden">Replies</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Reply</th>
            <th scope="col">Note</th>
            {recording && <th scope="col">Record for them</th>}
          </tr>
        </thead>
        <tbody>
          {replies.map((reply) => (
            <tr key={reply.userId}>
              <th scope="row">
                {reply.displayName}
                {reply.role === 'facilitator' && <span className="muted"> (facilitator)</span>}
              </th>
              <td>
                <span className={reply.status === 'apology' ? (reply.late ? 'badge badge--danger' : 'badge') : reply.status ? 'badge badge--ok' : 'muted'}>{replyText(reply)}</span>
              </td>
              <td>
                {reply.reason && <span>{reply.reason}</span>}
                {reply.recordedBy && <span className="muted"> Recorded by {reply.recordedBy}.</span>}
              </td>
              {recording && (
                <td>
                  <div className="form__buttons">
                    <button type="button" className="button button--quiet button--small" aria-label={`Record ${reply.displayName} as attending`} aria-pressed={reply.status === 'attending'} disabled={onBehalf.isPending} onClick={() => onBehalf.mutate({ userId: reply.userId, status: 'attending' })}>
                      Attending
                    </button>
                    <button type="button" className="button button--quiet button--small" aria-label={`Record an apology from ${reply.displayName}`} aria-pressed={reply.status === 'apology'} disabled={onBehalf.isPending} onClick={() => onBehalf.mutate({ userId: reply.userId, status: 'apology' })}>
                      Apology
                    </button>
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
