import { ApiError } from '@web/api/client';
import { errorMessage } from './errorMessages';

/**
 * The message of a failed request that no single field owns (wrong password, conflict, network).
 * Field messages are shown beside their fields instead, so they are not repeated here. The words
 * come from the error's code where this app has its own (`errorMessages.ts`), else from the API.
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
  return (
    <p className="alert alert--error" role="alert">
      {errorMessage(error)}
    </p>
  );
}

/** The message for one field of a failed request, if the API named it. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[field] : undefined;
}
