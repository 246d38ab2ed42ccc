/**
 * A tenant id that has been resolved and checked (membership, state). Only the domain guard
 * and trusted loaders mint one, so a raw string from a request can't be passed by mistake.
 */
export type DomainId = string & { readonly __brand: 'DomainId' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export class MissingDomainError extends Error {
  constructor() {
    super('A domain id is required for domain-scoped data access');
  }
}

/** Marks a checked value as a DomainId; refuses empty and malformed ids. */
export function trustedDomainId(value: string | null | undefined): DomainId {
  if (!value || !isUuid(value)) throw new MissingDomainError();
  return value as DomainId;
}
