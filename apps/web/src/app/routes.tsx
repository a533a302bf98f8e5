import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation, useSearchParams } from 'react-router';
import type { MeResponse } from '@als/shared';
import { useMe } from '@web/features/auth/api/auth';
import { safeNext } from '@web/features/auth/safeNext';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { Layout } from './Layout';
import { lazyPage, PageSuspense } from './lazyPage';

// Each page is its own script, loaded when first visited (a member opening a round link on a phone
// does not load the charts of the evaluation page).
const SignInPage = lazyPage(() => import('@web/features/auth/components/SignInPage').then((m) => m.SignInPage));
const SignUpPage = lazyPage(() => import('@web/features/auth/components/SignUpPage').then((m) => m.SignUpPage));
const ForgotPasswordPage = lazyPage(() => import('@web/features/auth/components/ForgotPasswordPage').then((m) => m.ForgotPasswordPage));
const ResetPasswordPage = lazyPage(() => import('@web/features/auth/components/ResetPasswordPage').then((m) => m.ResetPasswordPage));
const ConfirmEmailPage = lazyPage(() => import('@web/features/account/components/ConfirmEmailPage').then((m) => m.ConfirmEmailPage));
const ReportBackPage = lazyPage(() => import('@web/features/actions/components/ReportBackPage').then((m) => m.ReportBackPage));
const EvaluationPage = lazyPage(() => import('@web/features/evaluation/components/EvaluationPage').then((m) => m.EvaluationPage));
const RoundPage = lazyPage(() => import('@web/features/rounds/components/RoundPage').then((m) => m.RoundPage));
const AccountPage = lazyPage(() => import('@web/features/account/components/AccountPage').then((m) => m.AccountPage));
const RemindersOffPage = lazyPage(() => import('@web/features/account/components/RemindersOffPage').then((m) => m.RemindersOffPage));
const AcceptInvitationPage = lazyPage(() => import('@web/features/invitations/components/AcceptInvitationPage').then((m) => m.AcceptInvitationPage));
const LearningLogPage = lazyPage(() => import('@web/features/learning-log/components/LearningLogPage').then((m) => m.LearningLogPage));
const MeetingPage = lazyPage(() => import('@web/features/meetings/components/MeetingPage').then((m) => m.MeetingPage));
const RsvpPage = lazyPage(() => import('@web/features/meetings/components/RsvpPage').then((m) => m.RsvpPage));
const LivePage = lazyPage(() => import('@web/features/live/LivePage').then((m) => m.LivePage));
const ProjectorPage = lazyPage(() => import('@web/features/live/ProjectorPage').then((m) => m.ProjectorPage));
const CreateSetPage = lazyPage(() => import('@web/features/sets/components/CreateSetPage').then((m) => m.CreateSetPage));
const MySetsPage = lazyPage(() => import('@web/features/sets/components/MySetsPage').then((m) => m.MySetsPage));
const SetPage = lazyPage(() => import('@web/features/sets/components/SetPage').then((m) => m.SetPage));
const BadgeApplicationPage = lazyPage(() => import('@web/features/badges/components/BadgeApplicationPage').then((m) => m.BadgeApplicationPage));
const BadgeReviewPage = lazyPage(() => import('@web/features/badges/components/BadgeReviewPage').then((m) => m.BadgeReviewPage));
const CredentialPage = lazyPage(() => import('@web/features/badges/components/CredentialPage').then((m) => m.CredentialPage));
const MyCredentialsPage = lazyPage(() => import('@web/features/badges/components/MyCredentialsPage').then((m) => m.MyCredentialsPage));
const OrganisationsPage = lazyPage(() => import('@web/features/organisations/components/OrganisationsPage').then((m) => m.OrganisationsPage));
const OrganisationOverviewPage = lazyPage(() => import('@web/features/organisations/components/OrganisationOverviewPage').then((m) => m.OrganisationOverviewPage));
const OrganisationSetsPage = lazyPage(() => import('@web/features/organisations/components/OrganisationSetsPage').then((m) => m.OrganisationSetsPage));
const OrganisationPeoplePage = lazyPage(() => import('@web/features/organisations/components/OrganisationPeoplePage').then((m) => m.OrganisationPeoplePage));
const ProgrammesPage = lazyPage(() => import('@web/features/organisations/components/ProgrammesPage').then((m) => m.ProgrammesPage));
const FacilitatorsPage = lazyPage(() => import('@web/features/organisations/components/FacilitatorsPage').then((m) => m.FacilitatorsPage));
const AcceptOrganisationInvitationPage = lazyPage(() => import('@web/features/organisations/components/AcceptOrganisationInvitationPage').then((m) => m.AcceptOrganisationInvitationPage));

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
  { path: '/meetings/:meetingId/projector', element: <PageSuspense><SignedIn page={() => <ProjectorPage />} /></PageSuspense> },
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
      { path: '/sets/:setId/:section', element: <SignedIn page={(me) => <SetPage me={me} />} /> },
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
