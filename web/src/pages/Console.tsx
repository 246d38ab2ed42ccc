import { FormEvent, ReactNode, useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { api, refreshSession, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { useCapabilities } from '../api/hooks';
import { session } from '../api/session';
import type { GameServerState } from '../api/schema';
import { dispositionName, saveBlob } from '../components/saveBlob';
import { consoleText, crashFromServer } from './crashNotice';

type Frame = { event: string; args: unknown[] };
type Conn = 'connecting' | 'connected' | 'reconnecting' | 'unavailable' | 'closed';

/** System lines the dashboard writes into the console (not the server's output): bold yellow, crashes bold red. */
const SYSTEM = '\x1b[1;33m';
const CRASH = '\x1b[1;31m';
const RESET = '\x1b[0m';

/**
 * Live console over `/gameserver/:id/console?token=…`: JSON frames `{event, args}`. Reconnects
 * with backoff and sends `resume` with the last seen sequence number so no line is shown twice
 * or lost. State changes arrive as `status` frames and are written as `[Outpost] …` system lines;
 * a crash line reads the server once for its exit code, OOM flag and restart count.
 * `controls` (the power buttons) sit next to the command input so they stay in view while typing.
 */
export function Console({
  id,
  state,
  onStatus,
  canSend,
  controls,
}: {
  id: string;
  state: GameServerState;
  onStatus: (s: GameServerState) => void;
  canSend: boolean;
  controls?: ReactNode;
}) {
  const host = useRef<HTMLDivElement>(null);
  const wsRef = useRef<WebSocket | null>(null);
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;
  const [conn, setConn] = useState<Conn>('connecting');
  const [cmd, setCmd] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  const caps = useCapabilities();
  const canPost = caps.has('/gameserver/{id}/command');
  const useConsoleToken = useRef(false);
  useConsoleToken.current = caps.has('/gameserver/{id}/console-token');
  const history = useRef<string[]>([]);
  const histPos = useRef(-1);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  useEffect(() => {
    const term = new Terminal({
      convertEol: true,
      disableStdin: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: { background: '#14171a', foreground: '#e6e1d6', cursor: '#14171a' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current!);
    const doFit = () => {
      try {
        fit.fit();
      } catch {
        /* not laid out yet */
      }
    };
    doFit();
    const ro = new ResizeObserver(doFit);
    ro.observe(host.current!);

    let lastSeq = 0;
    let attempt = 0;
    let everOpened = false;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** Last state a status frame named (null: none yet on this page) and the last crash written. */
    let lastState: string | null = null;
    let crashWritten: string | null = null;

    const system = (text: string, color = SYSTEM) => term.writeln(`${color}${text}${RESET}`);
    const writeCrash = async () => {
      const r = await api.GET('/gameserver/{id}', { params: { path: { id } } }).catch(() => null);
      const notice = r?.data?.data ? crashFromServer(r.data.data) : null;
      if (stopped || !notice || notice.at === crashWritten) return;
      crashWritten = notice.at;
      system(consoleText(notice), CRASH);
    };
    const onState = (next: string, reason: string | null) => {
      const first = lastState === null;
      const changed = next !== lastState;
      lastState = next;
      // The frame sent at connect is the current state, not a change: only a crash is worth a line then.
      if (!first && changed && next !== 'crashed') system(`[Outpost] Server marked as ${next.replace('_', ' ')}${reason ? `: ${reason}` : ''}`);
      if (next === 'crashed' && changed) void writeCrash();
    };

    const socketPath = async (): Promise<string> => {
      // A short-lived console token (bound to this server and domain) when the API has them; else the access token.
      if (useConsoleToken.current) {
        const r = await api.POST('/gameserver/{id}/console-token', { params: { path: { id } } }).catch(() => null);
        const path = r?.data?.data?.socketPath;
        if (path) return path;
      }
      return `/gameserver/${encodeURIComponent(id)}/console?token=${encodeURIComponent(session.get().token ?? '')}`;
    };

    const connect = async () => {
      if (stopped) return;
      const path = await socketPath();
      if (stopped) return;
      const proto = location.protocol === 'https:' ? 'wss' : 'ws';
      const ws = new WebSocket(`${proto}://${location.host}${path}`);
      wsRef.current = ws;
      let opened = false;
      ws.onopen = () => {
        opened = true;
        everOpened = true;
        attempt = 0;
        setConn('connected');
        // First connect: the recent history; after a reconnect: exactly what was missed.
        ws.send(JSON.stringify(lastSeq > 0 ? { event: 'resume', args: [lastSeq] } : { event: 'send logs', args: [] }));
      };
      ws.onmessage = (m) => {
        let f: Frame;
        try {
          f = JSON.parse(String(m.data)) as Frame;
        } catch {
          return;
        }
        if (f.event === 'console output') {
          for (const l of f.args as Array<{ seq?: number; line?: string } | string>) {
            if (typeof l === 'string') {
              term.writeln(l);
              continue;
            }
            if (l.seq != null) {
              if (l.seq <= lastSeq) continue;
              lastSeq = l.seq;
            }
            term.writeln(l.line ?? '');
          }
        } else if (f.event === 'token expiring') {
          // Swap in a fresh token without dropping the socket.
          void (async () => {
            const path = await socketPath();
            const token = new URL(path, location.origin).searchParams.get('token');
            if (token && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ event: 'auth', args: [token] }));
          })();
        } else if (f.event === 'install output') {
          for (const line of String(f.args[0] ?? '').split('\n')) term.writeln(`\x1b[36m${line}\x1b[0m`);
        } else if (f.event === 'status' && typeof f.args[0] === 'string') {
          onState(f.args[0], typeof f.args[1] === 'string' ? f.args[1] : null);
          onStatusRef.current(f.args[0] as GameServerState);
        } else if (f.event === 'error') {
          term.writeln(`\x1b[31m[console] ${String((f.args[0] as { message?: string })?.message ?? f.args[0])}\x1b[0m`);
        }
      };
      ws.onclose = async (ev) => {
        if (wsRef.current === ws) wsRef.current = null;
        if (stopped) return;
        attempt++;
        // Never connected after a few tries: this API has no console socket (yet); keep probing slowly.
        const unavailable = !everOpened && attempt >= 3;
        setConn(unavailable ? 'unavailable' : 'reconnecting');
        // Refused before opening or closed for auth: the access token may have expired.
        if ((!opened && !unavailable) || ev.code === 4401 || ev.code === 4001 || ev.code === 1008) await refreshSession().catch(() => false);
        timer = setTimeout(() => void connect(), unavailable ? 15_000 : Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
      };
    };
    void connect();

    return () => {
      stopped = true;
      clearTimeout(timer);
      ro.disconnect();
      wsRef.current?.close();
      wsRef.current = null;
      setConn('closed');
      term.dispose();
    };
  }, [id]);

  async function downloadLog() {
    setDownloadError(null);
    setDownloading(true);
    try {
      const r = await api.GET('/gameserver/{id}/logs/download', { params: { path: { id } }, parseAs: 'blob' });
      await saveBlob(r, dispositionName(r.response, 'console.log'));
    } catch (err) {
      setDownloadError(errorMessage(err));
    } finally {
      setDownloading(false);
    }
  }

  const socketOpen = conn === 'connected';
  const canType = socketOpen || canPost;

  async function send(e: FormEvent) {
    e.preventDefault();
    const line = cmd.trim();
    if (!line) return;
    setSendError(null);
    if (wsRef.current && wsRef.current.readyState === WebSocket.OPEN) {
      wsRef.current.send(JSON.stringify({ event: 'send command', args: [line] }));
    } else if (canPost) {
      try {
        await unwrap(api.POST('/gameserver/{id}/command', { params: { path: { id } }, body: { command: line } }));
      } catch (err) {
        setSendError(errorMessage(err));
        return;
      }
    } else return;
    history.current.unshift(line);
    histPos.current = -1;
    setCmd('');
  }

  function onKey(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowUp' && history.current.length) {
      histPos.current = Math.min(history.current.length - 1, histPos.current + 1);
      setCmd(history.current[histPos.current]);
      e.preventDefault();
    } else if (e.key === 'ArrowDown') {
      histPos.current = Math.max(-1, histPos.current - 1);
      setCmd(histPos.current < 0 ? '' : history.current[histPos.current]);
      e.preventDefault();
    }
  }

  return (
    <div className="card console-card">
      <div className="console-bar">
        <span className={`dot dot-${conn}`} /> <span className="small" data-testid="console-conn">{conn}</span>
        {caps.has('/gameserver/{id}/logs/download') && (
          <button type="button" className="btn btn-small console-bar-btn" onClick={() => void downloadLog()} disabled={downloading} data-testid="console-download">
            {downloading ? 'Preparing…' : 'Download log'}
          </button>
        )}
      </div>
      {downloadError && <div className="console-note console-error">Could not download the log: {downloadError}</div>}
      {conn === 'unavailable' && (
        <div className="console-note" data-testid="console-unavailable">
          Live console output is not available on this API yet (no <code>/gameserver/:id/console</code> socket).
          {canPost ? ' Commands are still sent with POST /gameserver/:id/command.' : ''}
        </div>
      )}
      {/* Not "terminal": xterm puts that class on its own element, and our padding/height would apply to it too. */}
      <div className="console-screen" ref={host} data-testid="terminal" />
      {sendError && <div className="console-note console-error">Command not sent: {sendError}</div>}
      {(canSend || controls) && (
        <div className="console-foot">
      {canSend && (
        <form className="console-input" onSubmit={send}>
          <span className="prompt">›</span>
          <input
            name="command"
            aria-label="Console command"
            placeholder={state === 'running' ? 'Type a command and press Enter' : 'Server is not running'}
            value={cmd}
            onChange={(e) => setCmd(e.target.value)}
            onKeyDown={onKey}
            autoComplete="off"
            disabled={!canType}
          />
          <button className="btn btn-small" disabled={!canType || !cmd.trim()}>
            Send
          </button>
        </form>
      )}
          {controls && (
            <div className="console-power" data-testid="console-power">
              {controls}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
