import type { paths } from './schema';

/** The API paths whose POST is a search (`…/search`): they take `page`/`limit` and answer `meta.total`. */
export type SearchPath = { [P in keyof paths]: P extends `${string}/search` ? (paths[P] extends { post: unknown } ? P : never) : never }[keyof paths];

export interface PaginateOptions {
  /** Items per request (1–1000, default 100). */
  pageSize?: number;
  /** Path parameters of paths like `/integration/{id}/deliveries/search`. */
  params?: Record<string, string>;
}

export interface SearchPage<T> {
  items: T[];
  total: number;
}

/** Fills `{name}` placeholders of a path. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path} needs the path parameter ${name} (opts.params)`);
    return encodeURIComponent(value);
  });
}

/**
 * Page by page over a search: page 0, 1, … until `meta.total` is reached or a page comes back
 * short. Rows added or removed while paging can shift pages, as with any offset paging.
 */
export async function* paginate<T>(fetchPage: (page: number, limit: number) => Promise<SearchPage<T>>, opts: PaginateOptions = {}): AsyncGenerator<T> {
  const limit = Math.min(1000, Math.max(1, Math.floor(opts.pageSize ?? 100)));
  for (let page = 0; ; page++) {
    const { items, total } = await fetchPage(page, limit);
    yield* items;
    if (items.length < limit || (page + 1) * limit >= total) return;
  }
}
