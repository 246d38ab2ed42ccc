/** Every migration in order. Add new ones at the end. */
export const MIGRATIONS: Function[] = [];
