export * from './domain-id';
export * from './scoped-repository';
