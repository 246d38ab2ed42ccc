import { toApiError } from '../api/errors';

/**
 * Saves an API download (fetched through the typed client with `parseAs: 'blob'`, so it carries the
 * access token a plain link could not) as a file; throws the API's error when the answer is not ok.
 */
export async function saveBlob(r: { data?: unknown; error?: unknown; response: Response }, filename: string): Promise<void> {
  if (!r.response.ok) {
    let e = r.error;
    if (e instanceof Blob) {
      const text = await e.text().catch(() => '');
      try {
        e = JSON.parse(text || '{}');
      } catch {
        e = { meta: { error: { message: text || r.response.statusText } } };
      }
    }
    throw toApiError(e, r.response);
  }
  const url = URL.createObjectURL(r.data as Blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name a `Content-Disposition: attachment; filename="…"` header names, else the fallback. */
export function dispositionName(response: Response, fallback: string): string {
  const m = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '');
  return m?.[1] ?? fallback;
}
