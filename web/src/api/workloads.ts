import type { components } from './schema';

/**
 * The shape of `WorkloadOutputDTO.definition` (the spec types it as a free-form object); mirrors
 * the API's WorkloadDefinition. Every field is read defensively: older rows may lack some.
 */
export interface WorkloadVariableDef {
  name: string;
  description: string;
  envVariable: string;
  defaultValue: string;
  userViewable: boolean;
  userEditable: boolean;
  rules: string;
}

export interface WorkloadDefinition {
  name?: string;
  description?: string;
  author?: string;
  images?: Array<{ label: string; ref: string }>;
  startup?: string;
  startupAlternatives?: Array<{ label: string; command: string }>;
  variables?: WorkloadVariableDef[];
  stop?: { type: 'command' | 'signal'; value: string };
  startupDone?: string[];
  configFiles?: Array<{ file: string; parser: string; find: Record<string, unknown> }>;
  install?: { image: string; entrypoint: string; script: string } | null;
  defaults?: {
    memoryMiB?: number;
    cpuPercent?: number;
    diskMiB?: number;
    pids?: number;
    ports?: Array<{ name: string; containerPort: number; protocol: 'tcp' | 'udp' }>;
  };
  features?: string[];
  fileDenylist?: string[];
  tags?: string[];
  source?: { format?: string; exportedAt?: string; uuid?: string; updateUrl?: string };
}

export type WorkloadOut = Omit<components['schemas']['WorkloadOutputDTO'], 'definition'> & { definition: WorkloadDefinition };

export function asWorkload(w: components['schemas']['WorkloadOutputDTO']): WorkloadOut {
  return w as WorkloadOut;
}

/** File name for an exported egg: `egg-<name>.json` (lower-case, dashes, like the panels do). */
export function eggFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `egg-${slug || 'workload'}.json`;
}

/** Starts a browser download of a JSON value. */
export function downloadJson(value: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(value, null, 4) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
