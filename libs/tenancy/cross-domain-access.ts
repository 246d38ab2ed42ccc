/**
 * Every way a repository may reach rows beyond one domain, by name, with the reason it must.
 * `ScopedRepository.crossDomain(name)` accepts only these names, so each crossing is greppable
 * and this list is the review point: adding a name is a tenancy decision
 * (test/architecture.test.ts pins the list, so a new entry also changes that test).
 *
 * Rows that belong to no domain (shared nodes, instance-wide tokens, instance audit events) are
 * not crossings: ScopedRepository reaches them through its `instance…` methods.
 */
export const CROSS_DOMAIN_ACCESS = {
  credentialLookup: 'A presented secret (agent token, register token, invite token, API token id) is looked up before any domain is known; the row it finds then scopes everything else.',
  agentNode: 'The agent channel acts on the node its token proved, whichever domain owns it (or none: a shared node).',
  heartbeatSweep: 'Heartbeats and the offline sweep update every node in one statement; only node ids and their domains come back.',
  sharedNodeCapacity: "A shared node's memory, disk, CPU and ports are one pool for every domain placed on it; only sums and port numbers leave.",
  agentReports: 'An agent speaks for its node, not a domain: which servers sit on that node, and so which domain a report concerns, is read across domains.',
  consoleSocketDomain: "The console socket carries no domain header: the server's domain is read first, then the user's membership of it is checked like DomainGuard does; only the id leaves.",
  leaseSweep:
    'Background work interrupted by a dead process (backups and restores: failed; server transfers: rolled back or finished) is taken over by whichever process sweeps first, and archives of deleted servers are purged; the rows come back only to clean up after them.',
  accountDeletion: 'Deleting an account must find every domain the account is the only Owner of.',
  scheduleDispatch:
    "The schedule dispatcher claims every domain's due schedules in one statement (FOR UPDATE SKIP LOCKED, one tick for all tenants); each claimed row's own domainId then scopes its run, steps and audit.",
  auditExport:
    "An instance administrator's audit export (scope 'instance', refused to everyone else) reads every domain's audit rows and the instance's own; a domain export stays on the scoped query.",
  adminAuditSearch:
    "An instance administrator's audit view (POST /admin/auditlog/search and its export, refused to everyone else) pages through every domain's audit rows and the instance's own, each shown with its domain; domain members keep the scoped POST /auditlog/search.",
  alertEvaluation:
    "The alert evaluator reads every domain's enabled metric rules and held notifications in one statement per tick (every process), and a shared node's online/offline finds the rules of the domains that named it; each row's own domainId then scopes the metric reads and the alert rows.",
} as const;

export type CrossDomainAccess = keyof typeof CROSS_DOMAIN_ACCESS;
