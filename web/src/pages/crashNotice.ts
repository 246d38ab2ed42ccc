import type { GameServer } from '../api/schema';

/** Automatic restarts stop after this many crashes within the crash-loop window (see `lifecycle-decisions.ts`). */
export const MAX_AUTO_RESTARTS = 3;

/** The latest crash of a server, as the page and the console tell it. */
export interface CrashNotice {
  /** ISO time of the crash: with the server id, what a dismissal remembers. */
  at: string;
  /** "exit code 3" / "exit code 137, OOM killed" / '' when no longer known. */
  cause: string;
  /** "restarted 1/3", "restarting 2/3", "not restarted: 4 crashes within 10 minutes", "automatic restart is off", or ''. */
  outcome: string;
}

const latest = (times: readonly string[]) => times.reduce<string | null>((a, b) => (a === null || Date.parse(b) > Date.parse(a) ? b : a), null);

/** The crash the server's row describes (`recentCrashes`, exit code, OOM flag, state), or null when it has none. */
export function crashFromServer(s: Pick<GameServer, 'recentCrashes' | 'lastExitCode' | 'oomKilled' | 'state' | 'stateReason' | 'autoRestart'>): CrashNotice | null {
  const at = latest(s.recentCrashes ?? []);
  if (!at) return null;
  const parts = [s.lastExitCode != null ? `exit code ${s.lastExitCode}` : '', s.oomKilled ? 'OOM killed' : ''].filter(Boolean);
  // An automatic restart clears the row's exit code: the page or console that saw the crash keeps it.
  const cause = parts.join(', ');
  const n = s.recentCrashes.length;
  let outcome = '';
  const gaveUp = /not restarting/.exec(s.stateReason ?? '');
  if (s.state === 'crashed') {
    if (gaveUp || n > MAX_AUTO_RESTARTS) outcome = `not restarted: ${n} crashes within 10 minutes`;
    else if (!s.autoRestart) outcome = 'automatic restart is off';
    else outcome = `restarting ${n}/${MAX_AUTO_RESTARTS}`;
  } else if ((s.state === 'starting' || s.state === 'running') && n <= MAX_AUTO_RESTARTS && s.autoRestart) {
    outcome = `${s.state === 'running' ? 'restarted' : 'restarting'} ${n}/${MAX_AUTO_RESTARTS}`;
  }
  return { at, cause, outcome };
}

const clock = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Banner text: "Crashed (exit code 137, OOM killed) at 14:35, restarted 1/3". */
export function bannerText(c: CrashNotice): string {
  return `Crashed${c.cause ? ` (${c.cause})` : ''} at ${clock(c.at)}${c.outcome ? `, ${c.outcome}` : ''}`;
}

/** Console system line: "[Outpost] Server crashed (exit code 3, OOM killed) — restarting 1/3". */
export function consoleText(c: CrashNotice): string {
  return `[Outpost] Server crashed at ${clock(c.at)}${c.cause ? ` (${c.cause})` : ''}${c.outcome ? ` — ${c.outcome}` : ''}`;
}

// The banner stays until dismissed, also after a manual start clears the crash history: the last
// notice seen is kept per server, and a dismissal names the crash time, so a new crash shows again.
const seenKey = (id: string) => `outpost.crash.${id}`;
const dismissedKey = (id: string) => `outpost.crashDismissed.${id}`;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage full or blocked: the banner just does not persist */
  }
}

/** The notice to show for a server (live from its row, else the last one remembered), or null when dismissed / none. */
export function currentNotice(id: string, s: Parameters<typeof crashFromServer>[0]): CrashNotice | null {
  let notice = crashFromServer(s);
  if (notice) {
    const stored = parse(read(seenKey(id)));
    // The first sighting of a crash holds its exit code: a later normal stop overwrites the row's.
    if (stored?.at === notice.at && stored.cause) notice = { ...notice, cause: stored.cause };
    write(seenKey(id), JSON.stringify(notice));
  } else notice = parse(read(seenKey(id)));
  if (!notice || read(dismissedKey(id)) === notice.at) return null;
  return notice;
}

export function dismissNotice(id: string, at: string) {
  write(dismissedKey(id), at);
}

function parse(raw: string | null): CrashNotice | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<CrashNotice>;
    return typeof v.at === 'string' && typeof v.cause === 'string' ? { at: v.at, cause: v.cause, outcome: typeof v.outcome === 'string' ? v.outcome : '' } : null;
  } catch {
    return null;
  }
}
