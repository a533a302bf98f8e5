import { NavLink } from 'react-router';
import type { SetDetailResponse, SetRole } from '@als/shared';

/** The sections of a set's page, each at its own address under /sets/:setId. */
export const SET_SECTIONS = ['overview', 'meetings', 'rounds', 'actions', 'people', 'evaluate'] as const;
export type SetSection = (typeof SET_SECTIONS)[number];

export const SET_SECTION_LABELS: Record<SetSection, string> = {
  overview: 'Overview',
  meetings: 'Meetings',
  rounds: 'Rounds',
  actions: 'Actions',
  people: 'People',
  evaluate: 'Evaluation',
};

/** The sections a role can use: a sponsor sees the schedule and the people, never rounds' content or actions. */
export function sectionsFor(role: SetRole): SetSection[] {
  return role === 'sponsor' ? ['overview', 'meetings', 'people', 'evaluate'] : [...SET_SECTIONS];
}

export function isSetSection(value: string | undefined): value is SetSection {
  return (SET_SECTIONS as readonly string[]).includes(value ?? '');
}

export function sectionPath(setId: string, section: SetSection): string {
  return section === 'overview' ? `/sets/${setId}` : `/sets/${setId}/${section}`;
}

/** The set's section navigation (tabs that are links: each section has its own address, back and forward work). */
export function SetSectionNav({ set }: { set: Pick<SetDetailResponse, 'id' | 'role'> }) {
  return (
    <nav className="sections" aria-label="Sections of the set">
      <ul>
        {sectionsFor(set.role).map((section) => (
          <li key={section}>
            <NavLink to={sectionPath(set.id, section)} end>
              {SET_SECTION_LABELS[section]}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
