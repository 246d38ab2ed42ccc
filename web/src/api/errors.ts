export interface ErrorDetail {
  path?: string;
  code?: string;
  message: string;
}

/** An error reply from the API's envelope: `{ meta: { error: { code, message, details } } }`. */
export class ApiError extends Error {
  /** Paths a form field has shown (see `field`); `ErrorBox` leaves them out so each error shows once. */
  readonly claimed = new Set<string>();

  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  /**
   * The message for one form field (validation `details[].path`, e.g. `name` or `variables.MOTD`),
   * written for people. Claims the path, so the banner above the form does not repeat it.
   */
  field(path: string): string | undefined {
    const d = this.details.find((x) => x.path === path);
    if (!d) return undefined;
    this.claimed.add(path);
    return humanize(d);
  }

  /** Details no field has shown, as sentences. */
  unclaimed(): string[] {
    return this.details.filter((d) => !d.path || !this.claimed.has(d.path)).map(humanize);
  }
}

export function toApiError(body: unknown, response: Response): ApiError {
  const err = (body as { meta?: { error?: { code?: string; message?: string; details?: unknown } } } | undefined)?.meta?.error;
  const details = Array.isArray(err?.details) ? (err.details as ErrorDetail[]) : [];
  const message = err?.message ?? (response.status === 0 ? 'Network error' : `${response.status} ${response.statusText || 'Request failed'}`);
  return new ApiError(message, response.status, err?.code ?? 'Error', details);
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    // "Validation failed: memoryMiB must not be less than 64" → the sentences, for people.
    if (e.message.startsWith('Validation failed') && e.details.length) return e.details.slice(0, 3).map(humanize).join(' ');
    return e.message;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Field names as people read them, and the unit their numbers are in. */
const LABELS: Record<string, [string, string?]> = {
  memoryMiB: ['Memory', ' MiB'],
  diskMiB: ['Disk', ' MiB'],
  swapMiB: ['Swap', ' MiB'],
  cpuPercent: ['CPU', ' %'],
  overallocatePercent: ['Overallocation', ' %'],
  pids: ['Process limit'],
  domainName: ['Domain name'],
  username: ['Username'],
  email: ['Email'],
  cron: ['Schedule'],
  timezone: ['Time zone'],
  keepLast: ['Keep last'],
  maxAgeDays: ['Max age', ' days'],
  maxBackupsPerServer: ['Max backups per server'],
  delaySeconds: ['Delay', ' s'],
  roleId: ['Role'],
  workloadId: ['Workload'],
  nodeId: ['Node'],
  gameserverId: ['Server'],
};

function labelOf(path: string): [string, string] {
  const parts = path.split('.');
  let last = parts[parts.length - 1];
  if (/^\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  // Template variables (`variables.SERVER_PORT`) keep their own names.
  if (parts[0] === 'variables' && parts.length > 1) return [parts.slice(1).join('.'), ''];
  const known = LABELS[last];
  if (known) return [known[0], known[1] ?? ''];
  const unit = /MiB$/.test(last) ? ' MiB' : /Percent$/.test(last) ? ' %' : /Seconds$/.test(last) ? ' s' : '';
  const words = last
    .replace(/(MiB|Percent|Seconds)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return [words ? words[0].toUpperCase() + words.slice(1) : last, unit];
}

/** One validation detail as a sentence: "Memory must be at least 64 MiB", never "memoryMiB must not be less than 64". */
export function humanize(d: ErrorDetail): string {
  if (!d.path) return sentence(d.message);
  const raw = d.path.split('.').pop() ?? d.path;
  const [label, unit] = labelOf(d.path);
  const num = /(-?\d+(?:\.\d+)?)/.exec(d.message)?.[1];
  switch (d.code) {
    case 'min':
      return `${label} must be at least ${num}${unit}`;
    case 'max':
      return `${label} must be at most ${num}${unit}`;
    case 'isNotBlank':
      return `${label} must not be empty`;
    case 'isInt':
      return `${label} must be a whole number`;
    case 'isNumber':
      return `${label} must be a number`;
    case 'isEmail':
      return `${label} must be an email address, like name@example.com`;
    case 'isUuid':
      return `Choose a ${label.toLowerCase()}`;
    case 'isBoolean':
      return `${label} must be yes or no`;
    case 'isString':
      return `${label} must be text`;
    case 'maxLength':
      return `${label} must be at most ${num} characters`;
    case 'minLength':
      return `${label} must be at least ${num} characters`;
    case 'isLength':
      return /shorter/.test(d.message) ? `${label} must be at most ${num} characters` : `${label} must be at least ${num} characters`;
    case 'arrayMaxSize':
      return `${label}: at most ${num} items`;
    case 'unknownProperty':
      return `${label} is not a setting this form can change`;
  }
  // Definition checks: "must be a string, got a undefined" means nothing was given.
  if (/got (a |an )?(undefined|nothing|null)\b/.test(d.message)) return `${label} is required`;
  let m = d.message.replace(/,? got (a |an )?\w+$/, '');
  // "name must …" / "variables.MOTD must …": put the label where the field's key was.
  for (const key of [d.path, raw]) if (m.startsWith(`${key} `)) m = `${label} ${m.slice(key.length + 1)}`;
  if (!m.startsWith(label)) m = `${label}: ${m}`;
  return sentence(m);
}

function sentence(s: string): string {
  const t = s.trim();
  return t ? t[0].toUpperCase() + t.slice(1) : t;
}
