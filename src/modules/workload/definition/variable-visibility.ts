import type { WorkloadDefinition, WorkloadVariable } from './workload-definition';

/**
 * The one rule for who sees a template variable (Pterodactyl's): viewable ones for everyone who may
 * read the server; hidden ones (license keys, passwords the template author set) only for template
 * authors, i.e. holders of workloads.manage. A value the template no longer defines is treated as
 * hidden: nobody decided it may be shown.
 */
export function canSeeVariable(variable: Pick<WorkloadVariable, 'userViewable'> | undefined, canManageWorkloads: boolean): boolean {
  return canManageWorkloads || variable?.userViewable === true;
}

/** The subset of a server's values the caller may see. `def` null (template gone) hides everything from non-authors. */
export function visibleVariables(values: Record<string, string>, def: Pick<WorkloadDefinition, 'variables'> | null, canManageWorkloads: boolean): Record<string, string> {
  if (canManageWorkloads) return { ...values };
  const byName = new Map((def?.variables ?? []).map((v) => [v.envVariable, v]));
  return Object.fromEntries(Object.entries(values ?? {}).filter(([name]) => canSeeVariable(byName.get(name), false)));
}

/** A template definition as a non-author may see it: hidden variables (and their default values) left out. */
export function visibleDefinition<D extends Pick<WorkloadDefinition, 'variables'>>(def: D, canManageWorkloads: boolean): D {
  if (canManageWorkloads || !Array.isArray(def?.variables)) return def;
  return { ...def, variables: def.variables.filter((v) => canSeeVariable(v, false)) };
}
