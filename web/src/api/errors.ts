export interface ErrorDetail {
  path?: string;
  code?: string;
  message: string;
}

/** An error reply from the API's envelope: `{ meta: { error: { code, message, details } } }`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  /** Message for one form field (validation `details[].path`), e.g. `name` or `variables.MOTD`. */
  field(path: string): string | undefined {
    return this.details.find((d) => d.path === path)?.message;
  }
}

export function toApiError(body: unknown, response: Response): ApiError {
  const err = (body as { meta?: { error?: { code?: string; message?: string; details?: unknown } } } | undefined)?.meta?.error;
  const details = Array.isArray(err?.details) ? (err.details as ErrorDetail[]) : [];
  const message = err?.message ?? (response.status === 0 ? 'Network error' : `${response.status} ${response.statusText || 'Request failed'}`);
  return new ApiError(message, response.status, err?.code ?? 'Error', details);
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
