/**
 * An error the Outpost API answered with: its envelope's `meta.error` (code from the API's error
 * catalogue, the API's own message, details) and the HTTP status. `status` is 0 when no HTTP
 * reply carried it (e.g. an error frame on the console socket).
 */
export class OutpostApiError extends Error {
  status: number;
  code: string;
  details: unknown;
  errorId?: string;

  constructor(status: number, code: string, message: string, details: unknown = null, errorId?: string) {
    super(message);
    this.name = 'OutpostApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    if (errorId !== undefined) this.errorId = errorId;
  }

  /** From a reply and its parsed body (the envelope when the API wrote one). */
  static from(response: Pick<Response, 'status' | 'statusText'>, body: unknown): OutpostApiError {
    const error = (body as { meta?: { error?: { code?: unknown; message?: unknown; details?: unknown; errorId?: unknown } } } | null)?.meta?.error;
    if (error && typeof error.code === 'string') {
      return new OutpostApiError(
        response.status,
        error.code,
        typeof error.message === 'string' ? error.message : `HTTP ${response.status}`,
        error.details ?? null,
        typeof error.errorId === 'string' ? error.errorId : undefined,
      );
    }
    // Not the envelope (a proxy in front of the API, an empty TUS reply): keep what there is.
    const text = typeof body === 'string' && body.trim() ? body.trim().slice(0, 500) : `HTTP ${response.status} ${response.statusText}`.trim();
    return new OutpostApiError(response.status, statusCode(response.status), text, null);
  }

  /** Reads the body of a failed reply (JSON envelope or text) and builds the error. */
  static async fromResponse(response: Response): Promise<OutpostApiError> {
    let body: unknown = null;
    try {
      const text = await response.text();
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
    } catch {
      /* body unreadable (aborted): status alone */
    }
    return OutpostApiError.from(response, body);
  }
}

function statusCode(status: number): string {
  if (status === 400) return 'BadRequestError';
  if (status === 401) return 'UnauthorizedError';
  if (status === 403) return 'ForbiddenError';
  if (status === 404) return 'NotFoundError';
  if (status === 409) return 'ConflictError';
  if (status === 412) return 'PreconditionFailedError';
  if (status === 413) return 'PayloadTooLargeError';
  if (status === 415) return 'UnsupportedMediaTypeError';
  if (status === 429) return 'TooManyRequestsError';
  if (status === 502) return 'BadGatewayError';
  if (status === 503) return 'ServiceUnavailableError';
  return status >= 500 ? 'InternalServerError' : 'HttpError';
}
