import { NavLink } from 'react-router';
import { OrganisationLogo } from './OrganisationBrand';

/** The organisation's pages (overview, sets, programmes, facilitators, people), under its logo. */
export function OrganisationNav({ orgId }: { orgId: string }) {
  return (
    <>
      <OrganisationLogo orgId={orgId} />
      <nav aria-label="Organisation" className="tabs">
      <NavLink to={`/organisations/${orgId}`} end>
        Overview
      </NavLink>
      <NavLink to={`/organisations/${orgId}/sets`}>Sets</NavLink>
      <NavLink to={`/organisations/${orgId}/programmes`}>Programmes</NavLink>
      <NavLink to={`/organisations/${orgId}/facilitators`}>Facilitators</NavLink>
      <NavLink to={`/organisations/${orgId}/people`}>People</NavLink>
      </nav>
    </>
  );
}
