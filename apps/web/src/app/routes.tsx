import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation, useSearchParams } from 'react-router';
import type { MeResponse } from '@als/shared';
import { useMe } from '@web/features/auth/api/auth';
import { safeNext } from '@web/features/auth/safeNext';
import { SignInPage } from '@web/features/auth/components/SignInPage';
import { SignUpPage } from '@web/features/auth/components/SignUpPage';
import { ForgotPasswordPage } from '@web/features/auth/components/ForgotPasswordPage';
import { ResetPasswordPage } from '@web/features/auth/components/ResetPasswordPage';
import { ConfirmEmailPage } from '@web/features/account/components/ConfirmEmailPage';
import { ReportBackPage } from '@web/features/actions/components/ReportBackPage';
import { EvaluationPage } from '@web/features/evaluation/components/EvaluationPage';
import { RoundPage } from '@web/features/rounds/components/RoundPage';
import { AccountPage } from '@web/features/account/components/AccountPage';
import { RemindersOffPage } from '@web/features/account/components/RemindersOffPage';
import { AcceptInvitationPage } from '@web/features/invitations/components/AcceptInvitationPage';
import { LearningLogPage } from '@web/features/learning-log/components/LearningLogPage';
import { MeetingPage } from '@web/features/meetings/components/MeetingPage';
import { RsvpPage } from '@web/features/meetings/components/RsvpPage';
import { LivePage } from '@web/features/live/LivePage';
import { ProjectorPage } from '@web/features/live/ProjectorPage';
import { CreateSetPage } from '@web/features/sets/components/CreateSetPage';
import { MySetsPage } from '@web/features/sets/components/MySetsPage';
import { SetPage } from '@web/features/sets/components/SetPage';
import { BadgeApplicationPage } from '@web/features/badges/components/BadgeApplicationPage';
import { BadgeReviewPage } from '@web/features/badges/components/BadgeReviewPage';
import { CredentialPage } from '@web/features/badges/components/CredentialPage';
import { MyCredentialsPage } from '@web/features/badges/components/MyCredentialsPage';
import { OrganisationsPage } from '@web/features/organisations/components/OrganisationsPage';
import { OrganisationOverviewPage } from '@web/features/organisations/components/OrganisationOverviewPage';
import { OrganisationSetsPage } from '@web/features/organisations/components/OrganisationSetsPage';
import { OrganisationPeoplePage } from '@web/features/organisations/components/OrganisationPeoplePage';
import { ProgrammesPage } from '@web/features/organisations/components/ProgrammesPage';
import { FacilitatorsPage } from '@web/features/organisations/components/FacilitatorsPage';
import { AcceptOrganisationInvitationPage } from '@web/features/organisations/components/AcceptOrganisationInvitationPage';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { Layout } from './Layout';

/** Renders its page for a signed-in person, else sends them to sign in and back here afterwards. */
function SignedIn({ page }: { page: (me: MeResponse) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading what="your account" />;
  if (me.isError) return <LoadError error={me.error} />;
  if (!me.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return page(me.data);
}

/** Sign-in and sign-up pages: someone already signed in goes straight on. */
function SignedOut({ children }: { children: ReactNode }) {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <Loading what="your account" />;
  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;
  return children;
}

function InvitationRoute() {
  const me = useMe();
  if (me.isPending) return <Loading what="your account" />;
  return <AcceptInvitationPage me={me.data ?? null} />;
}

function OrganisationInvitationRoute() {
  const me = useMe();
  if (me.isPending) return <Loading what="your account" />;
  return <AcceptOrganisationInvitationPage me={me.data ?? null} />;
}

function NotFound() {
  return (
    <Page title="Page not found">
      <p>There is nothing at this address.</p>
    </Page>
  );
}

export const router = createBrowserRouter([
  // The projector view fills the screen: no site header.
  { path: '/meetings/:meetingId/projector', element: <SignedIn page={() => <ProjectorPage />} /> },
  {
    element: <Layout />,
    children: [
      { path: '/', element: <SignedIn page={() => <MySetsPage />} /> },
      { path: '/sign-in', element: <SignedOut><SignInPage /></SignedOut> },
      { path: '/sign-up', element: <SignedOut><SignUpPage /></SignedOut> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password/:token', element: <ResetPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/confirm-email/:token', element: <ConfirmEmailPage /> },
      { path: '/sets/new', element: <SignedIn page={(me) => <CreateSetPage me={me} />} /> },
      { path: '/sets/:setId', element: <SignedIn page={(me) => <SetPage me={me} />} /> },
      { path: '/sets/:setId/evaluation', element: <SignedIn page={() => <EvaluationPage />} /> },
      { path: '/sets/:setId/badge', element: <SignedIn page={() => <BadgeApplicationPage />} /> },
      { path: '/sets/:setId/badge/review', element: <SignedIn page={() => <BadgeReviewPage />} /> },
      { path: '/credentials', element: <SignedIn page={() => <MyCredentialsPage />} /> },
      // Public: anyone a credential is shown to verifies it here, without an account.
      { path: '/credentials/:credentialId', element: <CredentialPage /> },
      { path: '/meetings/:meetingId/live', element: <SignedIn page={(me) => <LivePage me={me} />} /> },
      { path: '/meetings/:meetingId', element: <SignedIn page={(me) => <MeetingPage me={me} />} /> },
      { path: '/rounds/:roundId', element: <SignedIn page={(me) => <RoundPage me={me} />} /> },
      { path: '/learning-log', element: <SignedIn page={() => <LearningLogPage />} /> },
      { path: '/account', element: <SignedIn page={(me) => <AccountPage me={me} />} /> },
      { path: '/invitations/:token', element: <InvitationRoute /> },
      { path: '/organisations', element: <SignedIn page={() => <OrganisationsPage />} /> },
      { path: '/organisations/:orgId', element: <SignedIn page={() => <OrganisationOverviewPage />} /> },
      { path: '/organisations/:orgId/sets', element: <SignedIn page={() => <OrganisationSetsPage />} /> },
      { path: '/organisations/:orgId/programmes', element: <SignedIn page={() => <ProgrammesPage />} /> },
      { path: '/organisations/:orgId/facilitators', element: <SignedIn page={() => <FacilitatorsPage />} /> },
      { path: '/organisations/:orgId/people', element: <SignedIn page={() => <OrganisationPeoplePage />} /> },
      { path: '/organisation-invitations/:token', element: <OrganisationInvitationRoute /> },
      { path: '/rsvp/:token', element: <RsvpPage /> },
      { path: '/report-back/:token', element: <ReportBackPage /> },
      { path: '/reminders-off/:token', element: <RemindersOffPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
