import { useState } from 'react';
import { BADGE_LIMITS, type BadgeResponse } from '@als/shared';
import { useBadgeImage } from '@web/features/badges/api/badges';
import { FormError } from '@web/ui/FormError';

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** The badge's picture: upload a new one, or go back to the generated one. */
export function BadgeImageControl({ setId, badge }: { setId: string; badge: BadgeResponse }) {
  const image = useBadgeImage(setId);
  const [readError, setReadError] = useState<Error | null>(null);
  return (
    <div className="form">
      <FormError error={readError ?? image.error} />
      <label htmlFor="badge-image">Badge image (PNG or SVG, at most {BADGE_LIMITS.imageBytes / 1024} KB)</label>
      <input
        id="badge-image"
        type="file"
        accept="image/png,image/svg+xml"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          setReadError(null);
          readAsDataUrl(file).then((dataUrl) => image.mutate(dataUrl), (e: Error) => setReadError(e));
        }}
      />
      {badge.customImage && (
        <button type="button" className="button button--quiet button--small" onClick={() => image.mutate(null)} disabled={image.isPending}>
          Use the generated image
        </button>
      )}
    </div>
  );
}
