export * from './workload-definition';
export * from './eggs';
export * from './builtin-templates';
export * from './variable-rules';
