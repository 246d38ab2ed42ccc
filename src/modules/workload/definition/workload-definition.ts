// Why this file is over 300 lines: the definition's types and the validator and renderer that read
// them change together; variable rules, the largest part, live in variable-rules.ts.
/**
 * The canonical Outpost workload (template) definition: what a Pterodactyl/Pelican "egg" describes,
 * normalised into one JSON-serialisable shape, plus the pure logic around it (validation, startup
 * rendering, container environment; variable rules are in variable-rules.ts). No framework, no database.
 */
import { checkRules, evaluateRules, type ValueError } from './variable-rules';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type EggFormatVersion = 'PTDL_v1' | 'PTDL_v2' | 'PLCN_v1' | 'PLCN_v2' | 'PLCN_v3';
export type DefinitionFormat = EggFormatVersion | 'outpost';

export interface WorkloadVariable {
  /** Human label ("Server Jar File"). */
  name: string;
  description: string;
  /** Environment variable name; also the `{{NAME}}` placeholder in the startup command. */
  envVariable: string;
  defaultValue: string;
  userViewable: boolean;
  userEditable: boolean;
  /** Laravel-style rules as in eggs, `|`-separated: 'required|string|max:20', 'regex:/^x$/'. */
  rules: string;
  fieldType: 'text';
}

export interface WorkloadImage {
  label: string;
  ref: string;
}

/**
 * How to stop the process. `command` is written to stdin (Minecraft's `stop`); `signal` is sent to
 * the process (`SIGINT` | `SIGTERM` | `SIGABRT` | `SIGKILL`). Eggs write signals as `^C`, `^SIGTERM`.
 */
export interface StopAction {
  type: 'command' | 'signal';
  value: string;
}

export type ConfigFileParser = 'properties' | 'json' | 'yaml' | 'ini' | 'xml' | 'file';

export interface ConfigFile {
  /** Path relative to the server's data directory. */
  file: string;
  parser: ConfigFileParser;
  /** Key (or line, for `file`) → replacement; values may hold `{{server.build.default.port}}`-style placeholders. */
  find: Record<string, unknown>;
}

export interface InstallScript {
  /** Image the install script runs in. */
  image: string;
  /** Interpreter, e.g. `ash` or `bash`. */
  entrypoint: string;
  /** Script text, LF line endings. */
  script: string;
}

export interface PortDefault {
  /** Unique within the definition. */
  name: string;
  /**
   * Port inside the container. 0 means "same as the allocated host port" (Pterodactyl/Wings
   * behaviour: the server reads SERVER_PORT and binds it), which is what imported eggs use.
   */
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

export interface ResourceDefaults {
  memoryMiB: number;
  /** Percent of one core (100 = one core). */
  cpuPercent: number;
  diskMiB: number;
  pids: number;
  ports: PortDefault[];
}

export interface DefinitionSource {
  format: DefinitionFormat;
  exportedAt?: string;
  /** Egg uuid (Pelican / Pterodactyl ≥1.x exports). */
  uuid?: string;
  /** `meta.update_url` of the egg. */
  updateUrl?: string;
}

export interface WorkloadDefinition {
  name: string;
  description: string;
  author?: string;
  /** Selectable images; the first is the default. */
  images: WorkloadImage[];
  /** Default startup command with `{{VARIABLE}}` placeholders. */
  startup: string;
  /** Further named startup commands (Pelican PLCN_v3 `startup_commands` beyond the first). */
  startupAlternatives?: Array<{ label: string; command: string }>;
  variables: WorkloadVariable[];
  stop: StopAction;
  /** Seconds a stop waits for the process to end before it is killed (SIGKILL); default 30. Big worlds may need longer to save. */
  stopTimeoutSeconds?: number;
  /** Console substrings meaning "running" (a `regex:` prefix means a regular expression); empty = running once started. */
  startupDone: string[];
  /** Seconds a start may wait for a `startupDone` line before the server counts as running anyway (with a reason); default 300. */
  startTimeoutSeconds?: number;
  configFiles: ConfigFile[];
  install: InstallScript | null;
  defaults: ResourceDefaults;
  /** Egg features (`eula`, `java_version`, `pid_limit`, ...): drive UI prompts; unknown ones are ignored. */
  features: string[];
  /** Files the user may not edit through the file manager (egg `file_denylist`). */
  fileDenylist: string[];
  tags?: string[];
  /** Backups: extra ignore patterns, and console commands sent around the archive while the server runs. */
  backup?: BackupSettings;
  source: DefinitionSource;
}

export interface BackupSettings {
  /** .gitignore-style patterns never archived (logs, caches). */
  ignore?: string[];
  /** Console commands sent before the archive is made (e.g. Minecraft `save-off`, `save-all flush`). */
  beforeCommands?: string[];
  /** Console commands sent after it, also after a failure (e.g. `save-on`). */
  afterCommands?: string[];
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** Built-in variables the platform provides; egg variables may not use these names (Pterodactyl's reserved list). */
export const BUILTIN_VARIABLES = ['SERVER_MEMORY', 'SERVER_IP', 'SERVER_PORT'] as const;
export const RESERVED_ENV_NAMES: readonly string[] = [
  'SERVER_MEMORY',
  'SERVER_IP',
  'SERVER_PORT',
  'ENV',
  'HOME',
  'USER',
  'STARTUP',
  'SERVER_UUID',
  'UUID',
  'TZ',
  'P_SERVER_UUID',
  'P_SERVER_LOCATION',
  'P_SERVER_ALLOCATION_LIMIT',
];
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGABRT', 'SIGKILL'] as const;
export const CONFIG_PARSERS: readonly ConfigFileParser[] = ['properties', 'json', 'yaml', 'ini', 'xml', 'file'];

export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,190}$/;
/** Longest accepted variable value; bounds rule evaluation cost (regexes) and env size. */
export const MAX_VARIABLE_VALUE_LENGTH = 8192;

// ---------------------------------------------------------------------------------------------
// Definition validation
// ---------------------------------------------------------------------------------------------

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Placeholder names used in a startup command (`{{X}}` and `{{env.X}}` both give `X`); others verbatim. */
export function startupPlaceholders(startup: string): string[] {
  const names = new Set<string>();
  for (const m of startup.matchAll(PLACEHOLDER)) names.add(placeholderName(m[1]));
  return [...names];
}

function placeholderName(inner: string): string {
  const t = inner.trim();
  return t.startsWith('env.') ? t.slice(4) : t;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonNegInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Every problem with a definition, as readable `path: problem` strings; empty when valid. */
export function validateDefinition(def: WorkloadDefinition): string[] {
  const p: string[] = [];
  const d = def as unknown as Record<string, unknown>;
  if (!isPlainObject(d)) return ['definition: must be an object'];

  if (typeof def.name !== 'string' || def.name.trim() === '') p.push('name: required');
  else if (def.name.length > 191) p.push('name: longer than 191 characters');
  if (typeof def.description !== 'string') p.push('description: must be a string');
  if (def.author !== undefined && typeof def.author !== 'string') p.push('author: must be a string');

  if (!Array.isArray(def.images) || def.images.length === 0) p.push('images: at least one image is required');
  else {
    const labels = new Set<string>();
    def.images.forEach((img, i) => {
      if (!isPlainObject(img)) return p.push(`images[${i}]: must be an object`);
      if (typeof img.label !== 'string' || img.label.trim() === '') p.push(`images[${i}].label: required`);
      else if (labels.has(img.label)) p.push(`images[${i}].label: duplicate "${img.label}"`);
      else labels.add(img.label);
      if (typeof img.ref !== 'string' || img.ref.trim() === '' || /\s/.test(img.ref)) p.push(`images[${i}].ref: must be an image reference without spaces`);
    });
  }

  const varNames = new Set<string>();
  if (!Array.isArray(def.variables)) p.push('variables: must be an array');
  else {
    def.variables.forEach((v, i) => {
      const at = `variables[${i}]`;
      if (!isPlainObject(v)) return p.push(`${at}: must be an object`);
      if (typeof v.name !== 'string' || v.name.trim() === '') p.push(`${at}.name: required`);
      if (typeof v.description !== 'string') p.push(`${at}.description: must be a string`);
      if (typeof v.envVariable !== 'string' || !ENV_NAME_PATTERN.test(v.envVariable)) {
        p.push(`${at}.envVariable: must match ${ENV_NAME_PATTERN.source}`);
      } else if (RESERVED_ENV_NAMES.includes(v.envVariable.toUpperCase())) {
        p.push(`${at}.envVariable: "${v.envVariable}" is reserved`);
      } else if (varNames.has(v.envVariable)) {
        p.push(`${at}.envVariable: duplicate "${v.envVariable}"`);
      } else varNames.add(v.envVariable);
      if (typeof v.defaultValue !== 'string') p.push(`${at}.defaultValue: must be a string`);
      if (typeof v.userViewable !== 'boolean') p.push(`${at}.userViewable: must be a boolean`);
      if (typeof v.userEditable !== 'boolean') p.push(`${at}.userEditable: must be a boolean`);
      if (v.fieldType !== 'text') p.push(`${at}.fieldType: must be "text"`);
      if (typeof v.rules !== 'string') p.push(`${at}.rules: must be a string`);
      else for (const problem of checkRules(v.rules)) p.push(`${at}.rules: ${problem}`);
    });
  }

  const checkStartup = (path: string, cmd: unknown): void => {
    if (typeof cmd !== 'string' || cmd.trim() === '') return void p.push(`${path}: required`);
    const unknown = startupPlaceholders(cmd).filter((n) => !varNames.has(n) && !(BUILTIN_VARIABLES as readonly string[]).includes(n));
    if (unknown.length) p.push(`${path}: unknown placeholders ${unknown.map((n) => `{{${n}}}`).join(', ')}`);
  };
  checkStartup('startup', def.startup);
  if (def.startupAlternatives !== undefined) {
    if (!Array.isArray(def.startupAlternatives)) p.push('startupAlternatives: must be an array');
    else
      def.startupAlternatives.forEach((a, i) => {
        if (!isPlainObject(a) || typeof a.label !== 'string' || a.label.trim() === '') p.push(`startupAlternatives[${i}].label: required`);
        checkStartup(`startupAlternatives[${i}].command`, isPlainObject(a) ? a.command : undefined);
      });
  }

  if (!isPlainObject(def.stop)) p.push('stop: must be an object');
  else if (def.stop.type === 'command') {
    if (typeof def.stop.value !== 'string' || def.stop.value.trim() === '' || /[\r\n]/.test(def.stop.value)) {
      p.push('stop.value: a stop command must be one non-empty line');
    }
  } else if (def.stop.type === 'signal') {
    if (!(STOP_SIGNALS as readonly string[]).includes(def.stop.value)) p.push(`stop.value: signal must be one of ${STOP_SIGNALS.join(', ')}`);
  } else p.push('stop.type: must be "command" or "signal"');

  if (!Array.isArray(def.startupDone) || def.startupDone.some((s) => typeof s !== 'string' || s === '')) {
    p.push('startupDone: must be an array of non-empty strings');
  } else {
    def.startupDone.forEach((s, i) => {
      if (!s.startsWith('regex:')) return;
      try {
        new RegExp(s.slice(6));
      } catch {
        p.push(`startupDone[${i}]: invalid regular expression`);
      }
    });
  }

  if (def.stopTimeoutSeconds !== undefined && !(Number.isInteger(def.stopTimeoutSeconds) && def.stopTimeoutSeconds >= 1 && def.stopTimeoutSeconds <= 3_600)) {
    p.push('stopTimeoutSeconds: must be a whole number of seconds from 1 to 3600');
  }

  if (def.startTimeoutSeconds !== undefined && !(Number.isInteger(def.startTimeoutSeconds) && def.startTimeoutSeconds >= 5 && def.startTimeoutSeconds <= 86_400)) {
    p.push('startTimeoutSeconds: must be a whole number of seconds from 5 to 86400');
  }

  if (!Array.isArray(def.configFiles)) p.push('configFiles: must be an array');
  else {
    const files = new Set<string>();
    def.configFiles.forEach((f, i) => {
      const at = `configFiles[${i}]`;
      if (!isPlainObject(f)) return p.push(`${at}: must be an object`);
      if (typeof f.file !== 'string' || f.file.trim() === '') p.push(`${at}.file: required`);
      else if (f.file.startsWith('/') || f.file.split(/[\\/]/).includes('..')) p.push(`${at}.file: must be a relative path inside the server directory`);
      else if (files.has(f.file)) p.push(`${at}.file: duplicate "${f.file}"`);
      else files.add(f.file);
      if (!CONFIG_PARSERS.includes(f.parser)) p.push(`${at}.parser: must be one of ${CONFIG_PARSERS.join(', ')}`);
      if (!isPlainObject(f.find)) p.push(`${at}.find: must be an object`);
    });
  }

  if (def.install !== null) {
    if (!isPlainObject(def.install)) p.push('install: must be an object or null');
    else {
      if (typeof def.install.image !== 'string' || def.install.image.trim() === '' || /\s/.test(def.install.image)) p.push('install.image: required');
      if (typeof def.install.entrypoint !== 'string' || def.install.entrypoint.trim() === '') p.push('install.entrypoint: required');
      if (typeof def.install.script !== 'string' || def.install.script.trim() === '') p.push('install.script: required (use install: null for none)');
    }
  }

  if (!isPlainObject(def.defaults)) p.push('defaults: must be an object');
  else {
    const dd = def.defaults;
    if (!isNonNegInt(dd.memoryMiB) || dd.memoryMiB < 1) p.push('defaults.memoryMiB: must be a positive integer');
    if (!isNonNegInt(dd.cpuPercent) || dd.cpuPercent < 1) p.push('defaults.cpuPercent: must be a positive integer');
    if (!isNonNegInt(dd.diskMiB) || dd.diskMiB < 1) p.push('defaults.diskMiB: must be a positive integer');
    if (!isNonNegInt(dd.pids) || dd.pids < 1) p.push('defaults.pids: must be a positive integer');
    if (!Array.isArray(dd.ports)) p.push('defaults.ports: must be an array');
    else {
      const names = new Set<string>();
      dd.ports.forEach((port, i) => {
        const at = `defaults.ports[${i}]`;
        if (!isPlainObject(port)) return p.push(`${at}: must be an object`);
        if (typeof port.name !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(port.name)) p.push(`${at}.name: must be a short lowercase name`);
        else if (names.has(port.name)) p.push(`${at}.name: duplicate "${port.name}"`);
        else names.add(port.name);
        if (!isNonNegInt(port.containerPort) || port.containerPort > 65535) p.push(`${at}.containerPort: must be 0..65535`);
        if (port.protocol !== 'tcp' && port.protocol !== 'udp') p.push(`${at}.protocol: must be "tcp" or "udp"`);
      });
    }
  }

  const stringList = (path: string, v: unknown, optional: boolean): void => {
    if (v === undefined && optional) return;
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) p.push(`${path}: must be an array of strings`);
  };
  stringList('features', def.features, false);
  stringList('fileDenylist', def.fileDenylist, false);
  stringList('tags', def.tags, true);

  if (def.backup !== undefined) {
    if (!isPlainObject(def.backup)) p.push('backup: must be an object');
    else {
      const lines = (path: string, v: unknown, max: number, maxLength: number) => {
        if (v === undefined) return;
        if (!Array.isArray(v) || v.length > max || v.some((s) => typeof s !== 'string' || s === '' || s.length > maxLength || /[\r\n\0]/.test(s))) {
          p.push(`${path}: at most ${max} non-empty single lines of at most ${maxLength} characters`);
        }
      };
      lines('backup.ignore', def.backup.ignore, 100, 256);
      lines('backup.beforeCommands', def.backup.beforeCommands, 20, 4096);
      lines('backup.afterCommands', def.backup.afterCommands, 20, 4096);
    }
  }

  if (!isPlainObject(def.source)) p.push('source: must be an object');
  else if (!['PTDL_v1', 'PTDL_v2', 'PLCN_v1', 'PLCN_v2', 'PLCN_v3', 'outpost'].includes(def.source.format)) p.push('source.format: unknown format');

  // A default that breaks its own rules can never be saved by a user who cannot edit it.
  if (Array.isArray(def.variables) && p.length === 0) {
    for (const v of def.variables) {
      for (const e of evaluateRules(v.name, v.envVariable, v.rules, v.defaultValue)) {
        p.push(`variables.${v.envVariable}.defaultValue: ${e.message}`);
      }
    }
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Startup rendering, variable values, environment
// ---------------------------------------------------------------------------------------------

export class StartupRenderError extends Error {
  constructor(
    /** Placeholders that name neither a variable nor a built-in. */
    readonly unknown: string[],
    /** Built-ins referenced but not given a value. */
    readonly missing: string[],
  ) {
    const parts: string[] = [];
    if (unknown.length) parts.push(`unknown placeholders: ${unknown.map((n) => `{{${n}}}`).join(', ')}`);
    if (missing.length) parts.push(`no value given for built-in: ${missing.join(', ')}`);
    super(`Cannot render startup command (${parts.join('; ')})`);
    this.name = 'StartupRenderError';
  }
}

/**
 * Substitutes `{{VAR}}` / `{{env.VAR}}` with variable values (falling back to defaults) and the
 * built-ins SERVER_MEMORY / SERVER_PORT / SERVER_IP from `values`. Refuses unknown placeholders
 * rather than passing them to the shell. Values are not shell-quoted: like Pterodactyl, the
 * startup line is the owner's own command inside their own container, and values are rule-checked.
 */
export function renderStartup(def: Pick<WorkloadDefinition, 'startup' | 'variables'>, values: Record<string, string>, startup = def.startup): string {
  const byName = new Map(def.variables.map((v) => [v.envVariable, v]));
  const unknown: string[] = [];
  const missing: string[] = [];
  const resolve = (name: string): string | undefined => {
    const v = byName.get(name);
    if (v) return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : v.defaultValue;
    if ((BUILTIN_VARIABLES as readonly string[]).includes(name)) {
      if (Object.prototype.hasOwnProperty.call(values, name)) return values[name];
      if (!missing.includes(name)) missing.push(name);
      return undefined;
    }
    if (!unknown.includes(name)) unknown.push(name);
    return undefined;
  };
  const out = startup.replace(PLACEHOLDER, (whole, inner: string) => resolve(placeholderName(inner)) ?? whole);
  if (unknown.length || missing.length) throw new StartupRenderError(unknown, missing);
  return out;
}

export interface VariableValueOptions {
  /** Admins may set variables users cannot see or edit. */
  asAdmin: boolean;
  /** The server's current values; a user re-sending an unchanged locked value is not an edit. */
  current?: Record<string, string>;
}

/**
 * Merges requested values over current values/defaults and checks them. Users may only change
 * variables that are both viewable and editable (Pterodactyl semantics); admins may change all.
 * Errors have path `variables.<ENV>`. The returned values hold every variable (input passed through
 * even where it failed, so callers can echo it back).
 */
export function validateVariableValues(
  def: Pick<WorkloadDefinition, 'variables'>,
  values: Record<string, unknown>,
  options: VariableValueOptions,
): { values: Record<string, string>; errors: ValueError[] } {
  const errors: ValueError[] = [];
  const out: Record<string, string> = {};
  const byName = new Map(def.variables.map((v) => [v.envVariable, v]));

  for (const key of Object.keys(values ?? {})) {
    if (!byName.has(key)) errors.push({ path: `variables.${key}`, code: 'unknown_variable', message: `${key} is not a variable of this template.` });
  }

  for (const v of def.variables) {
    const path = `variables.${v.envVariable}`;
    const base = options.current && Object.prototype.hasOwnProperty.call(options.current, v.envVariable) ? options.current[v.envVariable] : v.defaultValue;
    let value = base;
    if (values && Object.prototype.hasOwnProperty.call(values, v.envVariable)) {
      const raw = values[v.envVariable];
      const given = raw === null || raw === undefined ? '' : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw === true ? 1 : raw === false ? 0 : raw) : raw;
      if (typeof given !== 'string') {
        errors.push({ path, code: 'string', message: `The ${v.name} variable must be a string.` });
        out[v.envVariable] = base;
        continue;
      }
      if (given !== base && !options.asAdmin && !(v.userViewable && v.userEditable)) {
        errors.push({ path, code: 'not_editable', message: `The ${v.name} variable cannot be changed.` });
        out[v.envVariable] = base;
        continue;
      }
      value = given;
    }
    out[v.envVariable] = value;
    if (value.length > MAX_VARIABLE_VALUE_LENGTH) {
      errors.push({ path, code: 'too_long', message: `The ${v.name} variable is longer than ${MAX_VARIABLE_VALUE_LENGTH} characters.` });
      continue;
    }
    if (value.includes('\0')) {
      errors.push({ path, code: 'invalid_characters', message: `The ${v.name} variable contains a NUL character.` });
      continue;
    }
    errors.push(...evaluateRules(v.name, path, v.rules, value));
  }
  return { values: out, errors };
}

export interface BuiltinValues {
  SERVER_MEMORY: number | string;
  SERVER_IP: string;
  SERVER_PORT: number | string;
  /** Further platform-provided variables (TZ, P_SERVER_UUID, ...). */
  [name: string]: number | string | undefined;
}

/**
 * The container environment, in Wings' order: TZ, STARTUP (unexpanded, as the yolks' entrypoints
 * expect it), the built-ins, then every variable (value or default). A variable never overrides a
 * built-in.
 */
export function buildEnvironment(def: Pick<WorkloadDefinition, 'startup' | 'variables'>, values: Record<string, string>, builtins: BuiltinValues): Record<string, string> {
  const env: Record<string, string> = {};
  const set = (k: string, v: string): void => {
    if (v.includes('\0')) throw new Error(`Environment value for ${k} contains a NUL character`);
    env[k] = v;
  };
  if (builtins.TZ !== undefined) set('TZ', String(builtins.TZ));
  set('STARTUP', def.startup);
  for (const [k, v] of Object.entries(builtins)) {
    if (k === 'TZ' || v === undefined) continue;
    if (!ENV_NAME_PATTERN.test(k)) throw new Error(`Invalid built-in environment name "${k}"`);
    set(k, String(v));
  }
  for (const v of def.variables) {
    if (Object.prototype.hasOwnProperty.call(env, v.envVariable)) continue;
    set(v.envVariable, Object.prototype.hasOwnProperty.call(values, v.envVariable) ? values[v.envVariable] : v.defaultValue);
  }
  return env;
}

/** Deep copy with `undefined` members dropped: one canonical JSON form, for storage and comparison. */
export function normalizeDefinition(def: WorkloadDefinition): WorkloadDefinition {
  return JSON.parse(JSON.stringify(def)) as WorkloadDefinition;
}
