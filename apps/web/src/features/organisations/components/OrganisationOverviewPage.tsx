import { useParams } from 'react-router';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useOrganisation, useOrganisationEvaluation } from '@web/features/organisations/api/organisations';
import { OrganisationNav } from './OrganisationNav';
import { OrganisationDomains } from './OrganisationDomains';
import { OrganisationLogoSettings } from './OrganisationLogoSettings';
import { OrganisationSettings } from './OrganisationSettings';
import { OrganisationSsoSettings } from './OrganisationSsoSettings';

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

/** An organisation at a glance, for its admins: its sets and figures across them, never content. */
export function OrganisationOverviewPage() {
  const { orgId = '' } = useParams();
  const organisation = useOrganisation(orgId);
  const figures = useOrganisationEvaluation(orgId);
  if (organisation.isPending) return <Loading what="the organisation" />;
  if (organisation.isError) return <LoadError error={organisation.error} />;
  const o = organisation.data;
  const f = figures.data;
  const questions = f ? f.questionKinds.open + f.questionKinds.closed + f.questionKinds.leading + f.questionKinds.advice : 0;
  return (
    <Page title={o.name}>
      <OrganisationNav orgId={orgId} />
      <p className="muted">{o.emailDomains.length ? `E-mail domains: ${o.emailDomains.join(', ')}` : 'No e-mail domains yet.'}</p>
      {figures.isPending && <Loading what="the figures" />}
      {figures.isError && <LoadError error={figures.error} />}
      {f && (
        <section className="panel" aria-labelledby="figures-title">
          <h2 id="figures-title">Across its sets</h2>
          <dl className="figures">
            <dt>Sets</dt>
            <dd>{f.setCount}</dd>
            <dt>Meetings held</dt>
            <dd>{f.attendance.meetings}</dd>
            <dt>Attending replies / apologies</dt>
            <dd>
              {f.attendance.attending} / {f.attendance.apologies}
            </dd>
            <dt>Open questions</dt>
            <dd>{questions ? percent(f.questionKinds.open / questions) : '—'}</dd>
            <dt>Airtime equity (Gini, 0 is equal)</dt>
            <dd>{f.equity.airtime ?? '—'}</dd>
            <dt>Process review rating</dt>
            <dd>{f.ratings.average === null ? '—' : `${f.ratings.average} of 5 (${f.ratings.count} ratings)`}</dd>
            <dt>Actions done</dt>
            <dd>{percent(f.actions.completionRate)}</dd>
          </dl>
          <p className="muted">Figures only: what is said in a set stays in the set.</p>
        </section>
      )}
      <OrganisationDomains orgId={orgId} />
      <OrganisationSettings key={JSON.stringify([o.name, o.emailDomains, o.requireSso, o.defaultGroundRules, o.defaultRetentionDays])} organisation={o} />
      <OrganisationSsoSettings orgId={orgId} />
      <OrganisationLogoSettings orgId={orgId} />
    </Page>
  );
}
