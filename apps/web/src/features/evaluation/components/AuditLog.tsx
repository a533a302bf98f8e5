import type { AuditEntryResponse } from '@als/shared';
import { useAuditLog } from '@web/features/evaluation/api/evaluation';
import { LoadError, Loading } from '@web/ui/Page';

const AUDIT_LABELS: Record<AuditEntryResponse['action'], string> = {
  'session-record.viewed': 'read a session record',
  'evaluation.viewed': 'opened the evaluation',
  'evaluation.exported': 'exported the evaluation for commissioners',
  'member.removed': 'removed a member',
  'member.role-changed': "changed someone's role",
  'set.closed': 'closed the set',
  'set.reopened': 'reopened the set',
  'set.purged': 'deleted the case content (retention period over)',
};

/** The set's audit log (facilitators). */
export function AuditLog({ setId }: { setId: string }) {
  const log = useAuditLog(setId, true);
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Who viewed or changed what</h2>
      <p className="muted">The latest 100 entries of the set's audit log: session records read, the evaluation opened, membership changes, closing and deletion.</p>
      {log.isPending && <Loading what="the audit log" />}
      {log.isError && <LoadError error={log.error} />}
      {log.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })}</td>
                <td>{e.actorName ?? 'The platform'}</td>
                <td>{AUDIT_LABELS[e.action]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
