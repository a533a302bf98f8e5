import { isErrorCode, type ApiErrorBody, type ErrorCode } from '@als/shared';

export const CSRF_COOKIE = 'als_csrf';

/**
 * A failed API call, with the contract's error body, its code (`libs/shared/src/errors.ts`;
 * undefined when the API was not reached or answered a code this client does not know) and the
 * per-field messages of a 400. `ui/errorMessages.ts` turns it into what a person reads.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | undefined;
  readonly fieldErrors: Readonly<Record<string, string>>;

  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = isErrorCode(body.code) ? body.code : undefined;
    const fields: Record<string, string> = {};
    for (const error of body.errors ?? []) fields[error.field] ??= error.message;
    this.fieldErrors = fields;
  }
}

function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const found = document.cookie.split('; ').find((part) => part.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : undefined;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Calls the API with the session cookie; changing requests carry the CSRF token the API set in a
 * readable cookie at sign-in. A Blob (a file) is sent as itself with its type, anything else as JSON.
 * Resolves with the JSON answer (undefined for 204), rejects with ApiError.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  const raw = body instanceof Blob;
  if (raw) headers['Content-Type'] = body.type || 'application/octet-stream';
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ statusCode: 0, error: 'Network Error', message: 'The server cannot be reached. Check your connection and try again.' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const errorBody = parsed as Partial<ApiErrorBody> | undefined;
    throw new ApiError({
      statusCode: response.status,
      error: errorBody?.error ?? response.statusText,
      message: errorBody?.message ?? `The server answered ${response.status}. Try again in a moment.`,
      code: errorBody?.code,
      errors: errorBody?.errors,
    });
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>('GET', path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, body),
  delete: (path: string) => apiRequest<void>('DELETE', path),
};
