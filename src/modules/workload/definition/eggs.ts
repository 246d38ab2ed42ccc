// Why this file is over 300 lines: import and export of every egg format side by side, so a field's
// mapping both ways is read (and round-trip tested) in one place.
/**
 * Pterodactyl (PTDL_v1, PTDL_v2) and Pelican (PLCN_v1..v3) egg import, and PTDL_v2 export.
 *
 * Format notes (from the panels' importers/exporters):
 * - `meta.version` names the format. PTDL_v1 has `images` (array) or `image` (string); later ones
 *   a `docker_images` map label → ref whose first entry is the default.
 * - PLCN_v3 replaces `startup` with a `startup_commands` map (first = default).
 * - `config.files` / `config.startup` / `config.logs` are JSON *strings* in exports (Pelican YAML
 *   exports give objects; both accepted). PHP encodes an empty map as `[]`.
 * - `config.stop`: a console command, or `^C` / `^SIGTERM` ... for a signal (Wings: anything after
 *   `^` other than C/SIGINT/SIGTERM/SIGABRT means SIGKILL).
 * - Variable `rules` is a `|` string (Pterodactyl) or a list (Pelican); booleans may be 0/1 (PTDL_v1).
 */
import {
  CONFIG_PARSERS,
  ConfigFile,
  ConfigFileParser,
  DefinitionSource,
  EggFormatVersion,
  ENV_NAME_PATTERN,
  InstallScript,
  ResourceDefaults,
  StopAction,
  WorkloadDefinition,
  WorkloadImage,
  WorkloadVariable,
  normalizeDefinition,
  validateDefinition,
} from './workload-definition';

export const EGG_FORMATS: readonly EggFormatVersion[] = ['PTDL_v1', 'PTDL_v2', 'PLCN_v1', 'PLCN_v2', 'PLCN_v3'];

/** Key under which exports carry what PTDL_v2 cannot express; both panels ignore unknown keys. */
export const OUTPOST_EXTENSION_KEY = 'x-outpost';

/** Resources for imported eggs: eggs carry none, the panel sets them per server. */
export const EGG_DEFAULT_RESOURCES: ResourceDefaults = {
  memoryMiB: 1024,
  cpuPercent: 100,
  diskMiB: 5120,
  pids: 512,
  // Like Wings: the allocation is bound for TCP and UDP on the same port inside the container.
  ports: [
    { name: 'default', containerPort: 0, protocol: 'tcp' },
    { name: 'default-udp', containerPort: 0, protocol: 'udp' },
  ],
};

// Used when exporting a definition without an install script; panels require the columns.
const DEFAULT_INSTALL_CONTAINER = 'ghcr.io/pterodactyl/installers:alpine';
const DEFAULT_INSTALL_ENTRYPOINT = 'ash';
// Pterodactyl requires an e-mail author; used only when the definition has none (marked in x-outpost).
const PLACEHOLDER_AUTHOR = 'unknown@outpost.invalid';

export class EggFormatError extends Error {
  constructor(
    /** Dotted path of the offending field, e.g. `config.startup` or `variables[2].env_variable`. */
    readonly path: string,
    readonly detail: string,
  ) {
    super(`Invalid egg: ${path}: ${detail}`);
    this.name = 'EggFormatError';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

function fail(path: string, detail: string): never {
  throw new EggFormatError(path, detail);
}

function optString(o: Obj, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') fail(path, `must be a string, got ${kind(v)}`);
  return v;
}

function reqString(o: Obj, key: string, path: string): string {
  const v = optString(o, key, path);
  if (v === undefined || v.trim() === '') fail(path, 'required (a non-empty string)');
  return v;
}

function stringList(o: Obj, key: string, path: string): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, `must be an array of strings, got ${kind(v)}`);
  return v.map((s, i) => {
    if (typeof s !== 'string') fail(`${path}[${i}]`, `must be a string, got ${kind(s)}`);
    return s;
  });
}

function flag(o: Obj, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v === 'boolean') return v;
  // PTDL_v1 (and PHP in general) writes booleans as 0/1.
  if (v === 0 || v === '0' || v === 'false') return false;
  if (v === 1 || v === '1' || v === 'true') return true;
  return fail(path, `must be a boolean, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
}

/** A field that is a JSON-encoded string in exports, or already an object (Pelican YAML). */
function jsonField(o: Obj, key: string, path: string): Obj {
  let v = o[key];
  if (v === undefined || v === null || v === '') return {};
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (e) {
      fail(path, `not valid JSON (${(e as Error).message})`);
    }
  }
  if (Array.isArray(v) && v.length === 0) return {}; // PHP's json_encode([])
  if (!isObj(v)) fail(path, `must be a JSON object, got ${kind(v)}`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

/**
 * Parses an egg (object, or its JSON text) into a WorkloadDefinition. Throws EggFormatError naming
 * the offending field. Format problems only: semantic checks are validateDefinition's job.
 */
export function importEgg(json: unknown): WorkloadDefinition {
  let egg = json;
  if (typeof egg === 'string') {
    try {
      egg = JSON.parse(egg);
    } catch (e) {
      fail('(root)', `not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObj(egg)) fail('(root)', `an egg must be a JSON object, got ${kind(egg)}`);

  const meta = egg.meta;
  if (!isObj(meta)) fail('meta', `required (an object with "version"), got ${kind(meta)}`);
  const version = meta.version;
  if (typeof version !== 'string' || !(EGG_FORMATS as readonly string[]).includes(version)) {
    fail('meta.version', `unsupported egg format ${version === undefined ? '(missing)' : JSON.stringify(version)}; expected one of ${EGG_FORMATS.join(', ')}`);
  }
  const format = version as EggFormatVersion;

  const name = reqString(egg, 'name', 'name');
  const author = optString(egg, 'author', 'author');
  const description = optString(egg, 'description', 'description') ?? '';

  const images = importImages(egg, format);
  const { startup, alternatives } = importStartup(egg, format);

  const config = egg.config;
  if (!isObj(config)) fail('config', `required (an object), got ${kind(config)}`);
  if (config.extends !== undefined && config.extends !== null) {
    fail('config.extends', 'inheriting from another egg is not supported; export the egg from a panel so inherited values are resolved');
  }
  const configFiles = importConfigFiles(jsonField(config, 'files', 'config.files'));
  const startupDone = importStartupDone(jsonField(config, 'startup', 'config.startup'));
  const stop = importStop(optString(config, 'stop', 'config.stop') ?? '');

  const install = importInstall(egg);
  const variables = importVariables(egg);

  const features = stringList(egg, 'features', 'features');
  // Pelican drops empty entries on import; so do we.
  const fileDenylist = stringList(egg, 'file_denylist', 'file_denylist').filter((s) => s.trim() !== '');
  const tags = stringList(egg, 'tags', 'tags');

  const source: DefinitionSource = { format };
  const exportedAt = optString(egg, 'exported_at', 'exported_at');
  if (exportedAt) source.exportedAt = exportedAt;
  const uuid = optString(egg, 'uuid', 'uuid');
  if (uuid) source.uuid = uuid;
  const updateUrl = optString(meta, 'update_url', 'meta.update_url');
  if (updateUrl) source.updateUrl = updateUrl;

  const def: WorkloadDefinition = {
    name,
    description,
    author: author && author.trim() !== '' ? author : undefined,
    images,
    startup,
    startupAlternatives: alternatives.length ? alternatives : undefined,
    variables,
    stop,
    startupDone,
    configFiles,
    install,
    defaults: structuredClone(EGG_DEFAULT_RESOURCES),
    features,
    fileDenylist,
    tags: tags.length ? tags : undefined,
    source,
  };
  applyExtension(def, egg[OUTPOST_EXTENSION_KEY]);
  return normalizeDefinition(def);
}

function importImages(egg: Obj, format: EggFormatVersion): WorkloadImage[] {
  const map = egg.docker_images;
  if (map !== undefined && map !== null) {
    if (Array.isArray(map) && map.length === 0) fail('docker_images', 'at least one image is required');
    if (!isObj(map)) fail('docker_images', `must be an object mapping label → image reference, got ${kind(map)}`);
    const images = Object.entries(map).map(([label, ref]) => {
      if (typeof ref !== 'string' || ref.trim() === '') fail(`docker_images["${label}"]`, 'must be a non-empty image reference');
      return { label: label.trim() === '' ? ref : label, ref };
    });
    if (images.length === 0) fail('docker_images', 'at least one image is required');
    return images;
  }
  if (format === 'PTDL_v1') {
    // Pterodactyl 1.0 exports: `images` list; 0.7 era: a single `image`.
    if (egg.images !== undefined && egg.images !== null) {
      if (!Array.isArray(egg.images)) fail('images', `must be an array of image references, got ${kind(egg.images)}`);
      if (egg.images.length === 0) fail('images', 'at least one image is required');
      return egg.images.map((ref, i) => {
        if (typeof ref !== 'string' || ref.trim() === '') fail(`images[${i}]`, 'must be a non-empty image reference');
        return { label: ref, ref };
      });
    }
    const ref = optString(egg, 'image', 'image');
    if (ref && ref.trim() !== '') return [{ label: ref, ref }];
    fail('docker_images', 'required (PTDL_v1 eggs need "docker_images", "images" or "image")');
  }
  return fail('docker_images', 'required (an object mapping label → image reference)');
}

function importStartup(egg: Obj, format: EggFormatVersion): { startup: string; alternatives: Array<{ label: string; command: string }> } {
  if (format === 'PLCN_v3' && egg.startup_commands !== undefined && egg.startup_commands !== null) {
    const cmds = egg.startup_commands;
    if (!isObj(cmds)) fail('startup_commands', `must be an object mapping label → command, got ${kind(cmds)}`);
    const entries = Object.entries(cmds).map(([label, command]) => {
      if (typeof command !== 'string' || command.trim() === '') fail(`startup_commands["${label}"]`, 'must be a non-empty command');
      return { label, command };
    });
    if (entries.length === 0) fail('startup_commands', 'at least one startup command is required');
    return { startup: entries[0].command, alternatives: entries.slice(1) };
  }
  const path = format === 'PLCN_v3' ? 'startup_commands' : 'startup';
  const startup = egg.startup;
  if (typeof startup !== 'string' || startup.trim() === '') {
    fail(path, startup === undefined || startup === null ? 'required (the startup command)' : `must be a non-empty string, got ${kind(startup)}`);
  }
  return { startup, alternatives: [] };
}

function importConfigFiles(files: Obj): ConfigFile[] {
  return Object.entries(files).map(([file, spec]) => {
    const at = `config.files["${file}"]`;
    if (!isObj(spec)) fail(at, `must be an object with "parser" and "find", got ${kind(spec)}`);
    const parser = spec.parser;
    if (typeof parser !== 'string' || !CONFIG_PARSERS.includes(parser as ConfigFileParser)) {
      fail(`${at}.parser`, `must be one of ${CONFIG_PARSERS.join(', ')}, got ${JSON.stringify(parser)}`);
    }
    let find = spec.find;
    if (Array.isArray(find) && find.length === 0) find = {};
    if (!isObj(find)) fail(`${at}.find`, `must be an object, got ${kind(find)}`);
    return { file, parser: parser as ConfigFileParser, find };
  });
}

function importStartupDone(startup: Obj): string[] {
  const done = startup.done;
  if (done === undefined || done === null || done === '') return [];
  if (typeof done === 'string') return [done];
  if (!Array.isArray(done)) fail('config.startup.done', `must be a string or an array of strings, got ${kind(done)}`);
  return done
    .map((s, i) => {
      if (typeof s !== 'string') fail(`config.startup.done[${i}]`, `must be a string, got ${kind(s)}`);
      return s;
    })
    .filter((s) => s !== '');
}

/** Wings' reading of `config.stop`. */
export function parseEggStop(raw: string): StopAction {
  if (raw === '') return { type: 'signal', value: 'SIGTERM' }; // no stop configured: plain termination
  if (!raw.startsWith('^')) return { type: 'command', value: raw };
  const sig = raw.slice(1).toUpperCase();
  if (sig === 'C' || sig === 'SIGINT') return { type: 'signal', value: 'SIGINT' };
  if (sig === 'SIGTERM' || sig === 'SIGABRT') return { type: 'signal', value: sig };
  return { type: 'signal', value: 'SIGKILL' };
}

function importStop(raw: string): StopAction {
  if (/[\r\n]/.test(raw)) fail('config.stop', 'must be a single line');
  return parseEggStop(raw);
}

function importInstall(egg: Obj): InstallScript | null {
  const scripts = egg.scripts;
  if (scripts === undefined || scripts === null) return null;
  if (!isObj(scripts)) fail('scripts', `must be an object, got ${kind(scripts)}`);
  const inst = scripts.installation;
  if (inst === undefined || inst === null) return null;
  if (!isObj(inst)) fail('scripts.installation', `must be an object, got ${kind(inst)}`);
  const script = optString(inst, 'script', 'scripts.installation.script');
  if (script === undefined || script.trim() === '') return null;
  return {
    image: reqString(inst, 'container', 'scripts.installation.container'),
    entrypoint: reqString(inst, 'entrypoint', 'scripts.installation.entrypoint'),
    // Wings runs it with LF endings; eggs written on Windows panels carry CRLF.
    script: script.replace(/\r\n/g, '\n'),
  };
}

function importVariables(egg: Obj): WorkloadVariable[] {
  const vars = egg.variables;
  if (vars === undefined || vars === null) return [];
  if (!Array.isArray(vars)) fail('variables', `must be an array, got ${kind(vars)}`);
  return vars.map((v, i): WorkloadVariable => {
    const at = `variables[${i}]`;
    if (!isObj(v)) fail(at, `must be an object, got ${kind(v)}`);
    const env = reqString(v, 'env_variable', `${at}.env_variable`);
    if (!ENV_NAME_PATTERN.test(env)) fail(`${at}.env_variable`, `"${env}" is not a valid environment variable name`);
    const def = v.default_value;
    let defaultValue: string;
    if (def === undefined || def === null) defaultValue = '';
    else if (typeof def === 'string') defaultValue = def;
    else if (typeof def === 'number' || typeof def === 'boolean') defaultValue = String(def === true ? 1 : def === false ? 0 : def);
    else fail(`${at}.default_value`, `must be a string, got ${kind(def)}`);
    let rules: string;
    const r = v.rules;
    if (r === undefined || r === null) rules = '';
    else if (typeof r === 'string') rules = r;
    else if (Array.isArray(r)) {
      rules = r
        .map((x, j) => {
          if (typeof x !== 'string') fail(`${at}.rules[${j}]`, `must be a string, got ${kind(x)}`);
          return x.trim();
        })
        .filter((x) => x !== '')
        .join('|');
    } else fail(`${at}.rules`, `must be a string or an array of strings, got ${kind(r)}`);
    return {
      name: reqString(v, 'name', `${at}.name`),
      description: optString(v, 'description', `${at}.description`) ?? '',
      envVariable: env,
      defaultValue,
      userViewable: flag(v, 'user_viewable', `${at}.user_viewable`),
      userEditable: flag(v, 'user_editable', `${at}.user_editable`),
      rules,
      // field_type is UI-only and Pelican itself drops it on import; 'text' is the only kind.
      fieldType: 'text',
    };
  });
}

function applyExtension(def: WorkloadDefinition, ext: unknown): void {
  if (ext === undefined || ext === null) return;
  const K = OUTPOST_EXTENSION_KEY;
  if (!isObj(ext)) fail(K, `must be an object, got ${kind(ext)}`);
  if (ext.version !== 1) fail(`${K}.version`, `unsupported extension version ${JSON.stringify(ext.version)}; expected 1`);
  if (ext.defaults !== undefined) {
    def.defaults = ext.defaults as ResourceDefaults;
    const bad = validateDefinition(def).filter((p) => p.startsWith('defaults'));
    if (bad.length) fail(`${K}.defaults`, bad.join('; '));
  }
  if (ext.source !== undefined) {
    if (!isObj(ext.source) || typeof ext.source.format !== 'string') fail(`${K}.source`, 'must be an object with "format"');
    def.source = ext.source as unknown as DefinitionSource;
    const bad = validateDefinition(def).filter((p) => p.startsWith('source'));
    if (bad.length) fail(`${K}.source`, bad.join('; '));
  }
  if (ext.tags !== undefined) def.tags = stringList(ext, 'tags', `${K}.tags`);
  if (ext.startupAlternatives !== undefined) {
    const alts = ext.startupAlternatives;
    if (!Array.isArray(alts)) fail(`${K}.startupAlternatives`, `must be an array, got ${kind(alts)}`);
    def.startupAlternatives = alts.map((a, i) => {
      if (!isObj(a) || typeof a.label !== 'string' || typeof a.command !== 'string') {
        fail(`${K}.startupAlternatives[${i}]`, 'must be an object with string "label" and "command"');
      }
      return { label: a.label, command: a.command };
    });
  }
  if (ext.backup !== undefined) {
    // Outpost-only (eggs have no backup settings): kept through an export/import round trip.
    def.backup = ext.backup as WorkloadDefinition['backup'];
    const bad = validateDefinition(def).filter((p) => p.startsWith('backup'));
    if (bad.length) fail(`${K}.backup`, bad.join('; '));
  }
  if (ext.authorless === true) delete def.author;
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/** Egg text for a stop action (inverse of parseEggStop). */
export function formatEggStop(stop: StopAction): string {
  if (stop.type === 'command') return stop.value;
  return stop.value === 'SIGINT' ? '^C' : `^${stop.value}`;
}

export interface ExportEggOptions {
  /** Timestamp for `exported_at` (default: now). */
  exportedAt?: string;
  /** Add the `x-outpost` block so a re-import gives back the same definition (default true). */
  outpostExtension?: boolean;
}

/**
 * A PTDL_v2 egg (importable by Pterodactyl and Pelican). What PTDL_v2 cannot hold (resource
 * defaults, ports, alternative startups, tags, origin) goes in `x-outpost`, which panels ignore.
 */
export function exportEgg(def: WorkloadDefinition, options: ExportEggOptions = {}): Record<string, unknown> {
  const dockerImages: Record<string, string> = {};
  for (const img of def.images) dockerImages[img.label] = img.ref;
  const files: Record<string, unknown> = {};
  for (const f of def.configFiles) files[f.file] = { parser: f.parser, find: f.find };
  const done = def.startupDone;
  const startupCfg = done.length === 0 ? {} : { done: done.length === 1 ? done[0] : done };

  const egg: Record<string, unknown> = {
    _comment: 'DO NOT EDIT: FILE GENERATED AUTOMATICALLY BY OUTPOST',
    meta: { version: 'PTDL_v2', update_url: def.source.updateUrl ?? null },
    exported_at: options.exportedAt ?? new Date().toISOString(),
    name: def.name,
    author: def.author ?? PLACEHOLDER_AUTHOR,
    ...(def.source.uuid ? { uuid: def.source.uuid } : {}),
    description: def.description,
    features: [...def.features],
    docker_images: dockerImages,
    file_denylist: [...def.fileDenylist],
    startup: def.startup,
    config: {
      files: JSON.stringify(files, null, 4),
      startup: JSON.stringify(startupCfg, null, 4),
      logs: '{}',
      stop: formatEggStop(def.stop),
    },
    scripts: {
      installation: def.install
        ? { script: def.install.script, container: def.install.image, entrypoint: def.install.entrypoint }
        : { script: null, container: DEFAULT_INSTALL_CONTAINER, entrypoint: DEFAULT_INSTALL_ENTRYPOINT },
    },
    variables: def.variables.map((v) => ({
      name: v.name,
      description: v.description,
      env_variable: v.envVariable,
      default_value: v.defaultValue,
      user_viewable: v.userViewable,
      user_editable: v.userEditable,
      rules: v.rules,
      field_type: v.fieldType,
    })),
  };
  if (options.outpostExtension !== false) {
    egg[OUTPOST_EXTENSION_KEY] = {
      version: 1,
      defaults: def.defaults,
      source: def.source,
      ...(def.tags !== undefined ? { tags: def.tags } : {}),
      ...(def.startupAlternatives !== undefined ? { startupAlternatives: def.startupAlternatives } : {}),
      ...(def.author === undefined ? { authorless: true } : {}),
      ...(def.backup !== undefined ? { backup: def.backup } : {}),
    };
  }
  return JSON.parse(JSON.stringify(egg)) as Record<string, unknown>;
}
