export * from './protocol';
export { AgentHub, type AgentHubOptions, type AttachMeta, type ConnectionInfo } from './agent-hub';
