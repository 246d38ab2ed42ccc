import { Command } from 'commander';
import { createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { components } from '@libs/client';
import { OutpostApiError } from '@libs/client';
import { findUpload, forgetUpload, rememberUpload, uploadKey } from '../config';
import { connect } from '../context';
import { CliError, EXIT_USAGE } from '../errors';
import { bytes, printJson, printTable, when } from '../output';
import { Progress } from '../progress';
import { resolveServer } from '../resolve';

type FileEntry = components['schemas']['FileEntryDTO'];

const joinRemote = (dir: string, name: string) => (dir.replace(/^\/+|\/+$/g, '') ? `${dir.replace(/^\/+|\/+$/g, '')}/${name}` : name);

/** Bytes per PATCH; OUTPOST_UPLOAD_CHUNK (bytes) makes it smaller, e.g. for slow links or tests. */
function chunkSize(): number | undefined {
  const raw = process.env.OUTPOST_UPLOAD_CHUNK;
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`OUTPOST_UPLOAD_CHUNK must be a positive number of bytes, got "${raw}"`, EXIT_USAGE);
  return n;
}

async function put(ref: string, local: string, remoteDir: string | undefined, opts: { resume: boolean; name?: string }): Promise<void> {
  let info;
  try {
    info = statSync(local);
  } catch {
    throw new CliError(`cannot read ${local}`);
  }
  if (!info.isFile()) throw new CliError(`${local} is not a file`);
  const ctx = connect();
  const server = await resolveServer(ctx, ref);
  const directory = (remoteDir ?? '').replace(/^\/+|\/+$/g, '');
  const name = opts.name ?? basename(local);
  const remote = joinRemote(directory, name);
  const key = uploadKey(server.id, remote, info.size, info.mtimeMs);
  let resume = opts.resume ? findUpload(key) : undefined;
  if (!opts.resume) forgetUpload(key);
  const progress = new Progress(`upload ${remote}`, info.size);
  const controller = new AbortController();
  // The first Ctrl-C stops once the chunk in flight is stored (a request cut mid-way can leave the
  // API waiting for its bytes); a second one aborts at once. The upload URL stays stored either way,
  // so the same command resumes.
  let stopping = false;
  const interrupt = () => {
    if (stopping) return controller.abort();
    stopping = true;
    process.stderr.write('stopping after the current chunk (Ctrl-C again to abort now)\n');
  };
  process.on('SIGINT', interrupt);
  let announced = false;
  const run = (from: string | undefined) =>
    ctx.client.upload(server.id, {
      file: local,
      directory,
      name,
      chunkSize: chunkSize(),
      resume: from,
      signal: controller.signal,
      onCreated: (url: string) => rememberUpload(key, url),
      onProgress: (sent: number) => {
        if (from && !announced) {
          announced = true;
          process.stderr.write(`resuming at ${sent} bytes (${bytes(sent)} of ${bytes(info.size)})\n`);
        }
        progress.update(sent);
        // Called between requests: aborting here sends nothing more.
        if (stopping) controller.abort();
      },
    });
  try {
    try {
      await run(resume);
    } catch (err) {
      // The stored upload expired, was finished or dropped on the API: start it over.
      if (!resume || !(err instanceof OutpostApiError) || ![404, 409, 410].includes(err.status)) throw err;
      process.stderr.write(`cannot resume (${err.message}); starting over\n`);
      forgetUpload(key);
      resume = undefined;
      await run(undefined);
    }
  } catch (err) {
    if (controller.signal.aborted) throw new CliError(`upload interrupted; run the same command again to resume`, 130);
    throw err;
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
  forgetUpload(key);
  progress.done();
  process.stdout.write(`uploaded ${local} to ${server.name}:${remote} (${info.size} bytes)\n`);
}

async function get(ref: string, remote: string, local: string | undefined): Promise<void> {
  const ctx = connect();
  const server = await resolveServer(ctx, ref);
  const stream = await ctx.client.download(server.id, remote);
  if (local === '-') {
    await pipeline(stream as NodeJS.ReadableStream, process.stdout);
    return;
  }
  const target = local ?? basename(remote);
  await pipeline(stream as NodeJS.ReadableStream, createWriteStream(target));
  process.stderr.write(`saved ${server.name}:${remote} to ${target} (${bytes(statSync(target).size)})\n`);
}

export function fileCommands(program: Command): void {
  const files = program.command('files').description("a game server's files");

  files
    .command('ls')
    .alias('list')
    .description('list a directory')
    .argument('<server>', 'id or name')
    .argument('[path]', "directory relative to the server's data directory", '')
    .option('--json', 'print JSON')
    .action(async (ref: string, path: string, opts: { json?: boolean }) => {
      const ctx = connect();
      const server = await resolveServer(ctx, ref);
      const entries = (await ctx.client.call(ctx.client.GET('/gameserver/{id}/files', { params: { path: { id: server.id }, query: { path } } }))) as FileEntry[];
      if (opts.json) return printJson(entries);
      printTable(
        entries,
        [
          { header: 'MODE', value: (e) => e.mode },
          { header: 'TYPE', value: (e) => e.type },
          { header: 'SIZE', value: (e) => (e.type === 'directory' ? '-' : String(e.size)) },
          { header: 'MODIFIED', value: (e) => when(e.modifiedAt) },
          { header: 'NAME', value: (e) => (e.target ? `${e.name} -> ${e.target}` : e.type === 'directory' ? `${e.name}/` : e.name) },
        ],
        'empty directory',
      );
    });

  files
    .command('get')
    .description('download a file (local "-" writes to standard output)')
    .argument('<server>', 'id or name')
    .argument('<remote>', 'file path on the server')
    .argument('[local]', 'where to save it (default: its name, here)')
    .action(get);

  files
    .command('put')
    .description('upload a file (resumable: run the same command again after an interruption)')
    .argument('<server>', 'id or name')
    .argument('<local>', 'local file')
    .argument('[remoteDir]', "directory on the server (default: the data directory's root)")
    .option('--name <name>', 'file name on the server (default: the local name)')
    .option('--no-resume', 'start over instead of continuing an interrupted upload')
    .action(put);
}
