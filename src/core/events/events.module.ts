import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';

/** One EventBus for the whole app; global because every module may emit or listen. */
@Global()
@Module({ providers: [EventBus], exports: [EventBus] })
export class EventsModule {}
