import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { waitFor } from '../helpers/wait';

/** The compiled CLI (dist/test/cli → dist/libs/cli/main.js), run as its own process like a user would. */
export const CLI_MAIN = join(__dirname, '../../libs/cli/main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const configDir = () => mkdtempSync(join(tmpdir(), 'outpost-cli-'));

/** Only what the CLI should see: no OUTPOST_* of the developer's shell (tokens, URLs) leaks into a test. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OUTPOST_')) base[k] = v;
  return { ...base, ...env };
}

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once the output (stdout + stderr as chosen) matches. */
  waitForOutput(what: string, stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<CliResult>;
  write(text: string): void;
  kill(signal?: NodeJS.Signals): Promise<CliResult>;
}

/** CLIs still running: a test that fails half-way (e.g. before it stops `logs -f`) must not keep its file from exiting. */
const running = new Set<ChildProcess>();
after(() => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts the CLI asynchronously (the API under test lives in this process: a synchronous spawn would block it). */
export function startCli(args: string[], env: Record<string, string>, input?: string): RunningCli {
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  if (input !== undefined) child.stdin.end(input);
  running.add(child);
  const exited = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code: code ?? (signal ? 128 : 1), stdout: out, stderr: err });
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForOutput: (what, stream, pattern, timeoutMs = 20_000) =>
      waitFor(
        what,
        () => {
          if (child.exitCode !== null) throw new Error(`the CLI exited (${child.exitCode}) before ${what}:\nstdout: ${out}\nstderr: ${err}`);
          return pattern.exec(stream === 'stdout' ? out : err);
        },
        timeoutMs,
        20,
      ),
    exited,
    write: (text) => child.stdin.write(text),
    async kill(signal = 'SIGKILL') {
      child.kill(signal);
      return exited;
    },
  };
}

export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return startCli(args, env, input ?? '').exited;
}

/** Parses `--json` output, failing with the whole output when it is not JSON. */
export function json<T = any>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}
