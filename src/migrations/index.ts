import { Identity1764100000000 } from './1764100000000-Identity';

/** Every migration in order. Add new ones at the end. */
export const MIGRATIONS: Function[] = [Identity1764100000000];
