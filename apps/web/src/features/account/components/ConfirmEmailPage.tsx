import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '@web/api/client';
import { fieldError, FormError } from '@web/ui/FormError';
import { Page } from '@web/ui/Page';
import { useConfirmEmailChange } from '@web/features/auth/api/auth';

/**
 * The page of the link sent to a new e-mail address (`/confirm-email/:token`). Confirming is a
 * button, not the page load, so a mail scanner opening the link changes nothing.
 */
export function ConfirmEmailPage() {
  const { token: inPath } = useParams();
  const [params] = useSearchParams();
  const token = inPath ?? params.get('token') ?? '';
  const confirm = useConfirmEmailChange();
  const linkFailed = confirm.error instanceof ApiError && Boolean(fieldError(confirm.error, 'token'));

  return (
    <Page title="Confirm your new e-mail address">
      {confirm.isSuccess ? (
        <div className="alert alert--ok" role="status">
          <p>
            Done: your account now uses <strong>{confirm.data.email}</strong>. Sign in with it from now on.
          </p>
          <p>
            <Link to="/account">Go to your account</Link>
          </p>
        </div>
      ) : linkFailed ? (
        <div className="alert alert--error" role="alert">
          <p>This link does not work any more: a confirmation link works once, for 24 hours.</p>
          <p>
            <Link to="/account">Ask again from your account page</Link>
          </p>
        </div>
      ) : (
        <>
          <p>Confirm that you want to use this address for your account. E-mails will come here, and you will sign in with it.</p>
          <FormError error={confirm.error} />
          <button type="button" className="button" disabled={confirm.isPending} onClick={() => confirm.mutate({ token })}>
            {confirm.isPending ? 'Confirming…' : 'Confirm my new address'}
          </button>
        </>
      )}
    </Page>
  );
}
