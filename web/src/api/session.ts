import { useSyncExternalStore } from 'react';

/** Tokens and the selected domain: in memory, mirrored to localStorage. */
export interface SessionState {
  token?: string;
  refreshToken?: string;
  domainId?: string;
}

const KEY = 'outpost.session';
let state: SessionState = load();
const listeners = new Set<() => void>();

function load(): SessionState {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as SessionState;
  } catch {
    return {};
  }
}

export const session = {
  get: (): SessionState => state,
  set(patch: Partial<SessionState>) {
    state = { ...state, ...patch };
    for (const k of Object.keys(state) as Array<keyof SessionState>) if (state[k] === undefined) delete state[k];
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch {
      /* private mode: memory only */
    }
    listeners.forEach((l) => l());
  },
  clear() {
    session.set({ token: undefined, refreshToken: undefined });
  },
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

/*
 * Another tab logged in/out or switched domain. We follow its domain switch (one domain per browser,
 * as the API's `takaro-domain` cookie is per browser too) and say so: the dashboard shows
 * "Switched to X in another tab", so nobody acts on a tenant they did not pick without noticing.
 * A per-tab domain (sessionStorage) was the alternative; it would disagree with that cookie and with
 * what a newly opened tab shows.
 */
let otherTabSwitch: string | null = null;
const switchListeners = new Set<() => void>();

window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  const before = state.domainId;
  state = load();
  if (state.domainId && before && state.domainId !== before) {
    otherTabSwitch = state.domainId;
    switchListeners.forEach((l) => l());
  }
  listeners.forEach((l) => l());
});

/** The domain another tab switched this one to, until dismissed (or this tab switches itself). */
export function useOtherTabSwitch(): string | null {
  return useSyncExternalStore(
    (l) => {
      switchListeners.add(l);
      return () => switchListeners.delete(l);
    },
    () => otherTabSwitch,
  );
}

export function dismissOtherTabSwitch(): void {
  otherTabSwitch = null;
  switchListeners.forEach((l) => l());
}

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.get);
}
