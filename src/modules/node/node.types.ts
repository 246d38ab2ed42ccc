/**
 * The node module's public types: what other modules use instead of reaching into its entities
 * (see outpost/module-boundaries in eslint.config.mjs).
 */
export { NodeScheduling, NodeStatus, nodeState } from './entities/node.entity';
export type { Node, NodeHardwareText } from './entities/node.entity';
