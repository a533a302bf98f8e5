import { useRef, useState, type FormEvent } from 'react';
import { LOGO_MAX_BYTES, LOGO_TYPES } from '@als/shared';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { FormError } from '@web/ui/FormError';
import { useDeleteLogo, useOrganisationBrand, useUploadLogo } from '@web/features/organisations/api/organisation-settings';

/** Uploading the organisation's logo: a PNG or JPEG of at most 256 KB. */
export function OrganisationLogoSettings({ orgId }: { orgId: string }) {
  const brand = useOrganisationBrand(orgId);
  const upload = useUploadLogo(orgId);
  const remove = useDeleteLogo(orgId);
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setProblem(null);
    if (!file) return setProblem('Choose a PNG or JPEG file first.');
    if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return setProblem('The logo must be a PNG or JPEG image (SVG is not accepted).');
    if (file.size > LOGO_MAX_BYTES) return setProblem(`The logo must be at most ${LOGO_MAX_BYTES / 1024} KB; this one is ${Math.ceil(file.size / 1024)} KB.`);
    upload.mutate(file, { onSuccess: () => input.current && (input.current.value = '') });
  }

  return (
    <section className="panel" aria-labelledby="logo-title">
      <h2 id="logo-title">Logo</h2>
      {brand.data?.logoUrl ? <img className="organisation-brand__logo" src={brand.data.logoUrl} alt={`${brand.data.name} logo`} height={64} /> : <p className="muted">No logo yet.</p>}
      <form className="form" onSubmit={submit} noValidate>
        {problem && (
          <p className="alert alert--error" role="alert">
            {problem}
          </p>
        )}
        <FormError error={upload.error ?? remove.error} />
        {upload.isSuccess && (
          <p className="alert alert--success" role="status">
            The logo is saved.
          </p>
        )}
        <div className="field">
          <label htmlFor={`logo-${orgId}`}>Logo file</label>
          <p className="field__hint" id={`logo-${orgId}-hint`}>
            PNG or JPEG, at most {LOGO_MAX_BYTES / 1024} KB. Shown on your organisation’s pages and its sets’ pages.
          </p>
          <input id={`logo-${orgId}`} ref={input} type="file" name="logo" accept={LOGO_TYPES.join(',')} aria-describedby={`logo-${orgId}-hint`} />
        </div>
        <div className="inline-form">
          <button type="submit" className="button" disabled={upload.isPending}>
            Upload the logo
          </button>
          {brand.data?.logoUrl && <ConfirmButton label="Remove the logo" confirmLabel="Yes, remove it" onConfirm={() => remove.mutate()} disabled={remove.isPending} />}
        </div>
      </form>
    </section>
  );
}
