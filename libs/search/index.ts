export * from './search-spec';
export * from './search-input';
export * from './search-engine';
export * from './field-range';
