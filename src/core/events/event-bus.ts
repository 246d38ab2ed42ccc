import { Injectable, Logger } from '@nestjs/common';
import { OutpostEventName, OutpostEvents } from './outpost-events';

export type EventHandler<K extends OutpostEventName> = (payload: OutpostEvents[K]) => void | Promise<void>;

/**
 * Typed in-process events. Handlers run synchronously in the order they subscribed (console
 * lines keep their order); a handler's error — thrown or rejected — is logged and never reaches
 * the emitter or the other handlers.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger('EventBus');
  private readonly handlers = new Map<OutpostEventName, Set<EventHandler<never>>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends OutpostEventName>(name: K, handler: EventHandler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler);
    return () => void set.delete(handler);
  }

  emit<K extends OutpostEventName>(name: K, payload: OutpostEvents[K]): void {
    const set = this.handlers.get(name);
    if (!set) return;
    for (const handler of set) {
      try {
        const result = (handler as EventHandler<K>)(payload);
        if (result instanceof Promise) result.catch((err: unknown) => this.failed(name, err));
      } catch (err) {
        this.failed(name, err);
      }
    }
  }

  private failed(name: OutpostEventName, err: unknown): void {
    this.logger.error({ err, event: name }, 'event handler failed');
  }
}
