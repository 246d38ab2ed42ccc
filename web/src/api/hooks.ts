import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { useSession } from './session';

/** The served OpenAPI document tells which routes this API has (pages for missing ones say so). */
export function useCapabilities() {
  const q = useQuery({
    queryKey: ['spec'],
    queryFn: async () => {
      const res = await fetch('/openapi.json');
      if (!res.ok) throw new Error(`openapi.json: ${res.status}`);
      const spec = (await res.json()) as { paths: Record<string, unknown> };
      return new Set(Object.keys(spec.paths));
    },
    staleTime: 30_000,
  });
  return { ready: q.isSuccess, has: (path: string) => q.data?.has(path) ?? false, loading: q.isLoading };
}

export function useMe() {
  const { token, domainId } = useSession();
  return useQuery({
    queryKey: ['me', domainId ?? null],
    queryFn: () => unwrap(api.GET('/me')),
    enabled: !!token,
    retry: false,
  });
}

export function usePermissions(): { can: (p: string) => boolean; isAdmin: boolean } {
  const me = useMe();
  const perms = new Set(me.data?.data.permissions ?? []);
  return { can: (p) => perms.has(p), isAdmin: !!me.data?.data.user.isInstanceAdmin };
}

/** Query keys start with the domain so switching domains never shows another tenant's cache. */
export function useDomainKey(...parts: unknown[]): unknown[] {
  const { domainId } = useSession();
  return [domainId ?? null, ...parts];
}
