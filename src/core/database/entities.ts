/** Every TypeORM entity, listed explicitly so builds and the CLI agree (no globs). */
export const ENTITIES: Function[] = [];
