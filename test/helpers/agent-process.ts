import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The agent as the real program (`dist/src/agent/main.js`) in its own process, so tests can SIGKILL it. */
export interface AgentProcess {
  readonly child: ChildProcess;
  /** stdout + stderr so far (JSON log lines), for failure messages. */
  output(): string;
  /** Sends `signal` and resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const AGENT_MAIN = join(__dirname, '../../src/agent/main.js');

/**
 * Starts an agent process for `url`. `token` may be a register token (first start) or omitted when
 * `dataDir` already holds the agent's identity (a restart). `env` adds settings such as
 * OUTPOST_INVENTORY_INTERVAL_MS.
 */
export function spawnAgent(options: { url: string; dataDir: string; token?: string; env?: Record<string, string> }): AgentProcess {
  const args = [AGENT_MAIN, '--url', options.url, '--data-dir', options.dataDir, '--log-level', 'debug'];
  if (options.token) args.push('--token', options.token);
  const child = spawn(process.execPath, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    // Bounded: only the tail matters for a failure message.
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => out,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
