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

// Another tab logged in/out or switched domain.
window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  state = load();
  listeners.forEach((l) => l());
});

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.get);
}
