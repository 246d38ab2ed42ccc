export { EventBus, type EventHandler } from './event-bus';
export { EventsModule } from './events.module';
export * from './outpost-events';
