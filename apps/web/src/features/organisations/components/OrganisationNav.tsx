import { NavLink } from 'react-router';

/** The organisation's pages: overview, sets, programmes, facilitators, people. */
export function OrganisationNav({ orgId }: { orgId: string }) {
  return (
    <nav aria-label="Organisation" className="tabs">
      <NavLink to={`/organisations/${orgId}`} end>
        Overview
      </NavLink>
      <NavLink to={`/organisations/${orgId}/sets`}>Sets</NavLink>
      <NavLink to={`/organisations/${orgId}/programmes`}>Programmes</NavLink>
      <NavLink to={`/organisations/${orgId}/facilitators`}>Facilitators</NavLink>
      <NavLink to={`/organisations/${orgId}/people`}>People</NavLink>
    </nav>
  );
}
