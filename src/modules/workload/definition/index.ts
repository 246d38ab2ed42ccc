export * from './workload-definition';
export * from './eggs';
export * from './builtin-templates';
