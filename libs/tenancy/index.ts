export * from './domain-id';
export * from './scoped-repository';
export * from './cross-domain-access';
