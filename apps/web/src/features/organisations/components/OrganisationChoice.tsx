import { SelectField } from '@web/ui/Field';
import { useMyOrganisations } from '@web/features/organisations/api/organisations';

/** Which of the caller's organisations a new set belongs to ('' for none); shown only to people in one. */
export function OrganisationChoice({ value, onChange, error }: { value: string; onChange: (organisationId: string) => void; error?: string }) {
  const organisations = useMyOrganisations();
  if (!organisations.data || organisations.data.length === 0) return null;
  return (
    <SelectField
      label="Organisation"
      name="organisationId"
      hint="Its admins will see the set, its facilitators and schedule, never what is said in it."
      options={[{ value: '', label: 'None (a set of its own)' }, ...organisations.data.map((o) => ({ value: o.id, label: o.name }))]}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
