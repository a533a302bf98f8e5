import { Link, useParams } from 'react-router';
import { useRemindersOff } from '@web/features/account/api/account';
import { FormError } from '@web/ui/FormError';
import { Page } from '@web/ui/Page';

/** From the link in a reminder: turns meeting reminders off without signing in (one button, so link scanners cannot). */
export function RemindersOffPage() {
  const { token = '' } = useParams();
  const off = useRemindersOff(token);
  return (
    <Page title="Meeting reminders">
      {off.isSuccess ? (
        <p role="status" className="alert alert--ok">
          Reminders are off. You still get e-mails when a meeting is scheduled, moved or cancelled. You can turn reminders on again in <Link to="/account">your account</Link>.
        </p>
      ) : (
        <>
          <p>You get an e-mail 7 days and 1 day before each meeting of your sets. Turn these reminders off?</p>
          <FormError error={off.error} />
          <div className="form__buttons">
            <button type="button" className="button" disabled={off.isPending} onClick={() => off.mutate()}>
              Turn reminders off
            </button>
          </div>
        </>
      )}
    </Page>
  );
}
