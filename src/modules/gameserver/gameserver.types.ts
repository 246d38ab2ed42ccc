/**
 * The gameserver module's public types: what other modules use instead of reaching into its entities
 * (see outpost/module-boundaries in eslint.config.mjs).
 */
export { GameServerState } from './entities/gameserver.entity';
export type { GameServer } from './entities/gameserver.entity';
