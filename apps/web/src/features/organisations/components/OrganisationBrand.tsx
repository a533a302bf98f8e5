import { useOrganisationBrand } from '@web/features/organisations/api/organisation-settings';

/** The organisation's logo (nothing when it has none), on its pages and its sets' pages. */
export function OrganisationLogo({ orgId, withName = false }: { orgId: string | null | undefined; withName?: boolean }) {
  const brand = useOrganisationBrand(orgId);
  if (!brand.data || (!brand.data.logoUrl && !withName)) return null;
  return (
    <p className="organisation-brand">
      {brand.data.logoUrl && <img className="organisation-brand__logo" src={brand.data.logoUrl} alt={withName ? '' : `${brand.data.name} logo`} height={40} />}
      {withName && <span>{brand.data.name}</span>}
    </p>
  );
}
