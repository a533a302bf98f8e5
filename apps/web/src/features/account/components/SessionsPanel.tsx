import { useNavigate } from 'react-router';
import type { SessionResponse } from '@als/shared';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { FormError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';
import { useEndSession, useSessions, useSignOutEverywhere } from '@web/features/account/api/account';
import { describeUserAgent } from '@web/features/account/userAgent';

function when(at: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date(at));
}

/** "Where you're signed in": each open session with its device and when it was last used; sign one out, or everywhere. */
export function SessionsPanel({ timeZone }: { timeZone: string }) {
  const sessions = useSessions();
  const end = useEndSession();
  const everywhere = useSignOutEverywhere();
  const navigate = useNavigate();
  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you’re signed in</h2>
      {sessions.isPending ? (
        <Loading what="where you are signed in" />
      ) : sessions.isError ? (
        <LoadError error={sessions.error} />
      ) : (
        <ul className="sessions" aria-label="Signed-in devices">
          {sessions.data.map((session) => (
            <SessionItem key={session.id} session={session} timeZone={timeZone} onSignOut={() => end.mutate(session.id)} busy={end.isPending} />
          ))}
        </ul>
      )}
      <FormError error={end.error ?? everywhere.error} />
      <p className="muted">Signing out everywhere ends every session, this one too, and closes open live sessions at once.</p>
      <ConfirmButton label="Sign out everywhere" confirmLabel="Yes, sign out everywhere" disabled={everywhere.isPending} onConfirm={() => everywhere.mutate(undefined, { onSuccess: () => navigate('/sign-in', { replace: true }) })} />
    </section>
  );
}

function SessionItem({ session, timeZone, onSignOut, busy }: { session: SessionResponse; timeZone: string; onSignOut: () => void; busy: boolean }) {
  const device = describeUserAgent(session.userAgent);
  return (
    <li className="session">
      <div>
        <strong>{device}</strong>
        {session.current && (
          <>
            {' '}
            <span className="badge badge--ok">This device</span>
          </>
        )}
        <p className="meta">
          Last seen {when(session.lastSeenAt, timeZone)} · signed in {when(session.createdAt, timeZone)}
        </p>
      </div>
      {!session.current && (
        <button type="button" className="button button--quiet button--small" disabled={busy} onClick={onSignOut} aria-label={`Sign out ${device}, last seen ${when(session.lastSeenAt, timeZone)}`}>
          Sign out
        </button>
      )}
    </li>
  );
}
