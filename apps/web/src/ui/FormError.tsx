import { ApiError } from '@web/api/client';

/**
 * The message of a failed request that no single field owns (wrong password, conflict, network).
 * Field messages are shown beside their fields instead, so they are not repeated here.
 */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
    return (
      <p className="alert alert--error" role="alert">
        Some answers need changing: see the messages next to the fields.
      </p>
    );
  }
  const message = error instanceof Error ? error.message : 'Something went wrong. Try again.';
  return (
    <p className="alert alert--error" role="alert">
      {message}
    </p>
  );
}

/** The message for one field of a failed request, if the API named it. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[field] : undefined;
}
