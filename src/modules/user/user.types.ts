/**
 * The user's public type (identity module): what other modules use instead of reaching into its entities
 * (see outpost/module-boundaries in eslint.config.mjs).
 */
export type { User } from './entities/user.entity';
