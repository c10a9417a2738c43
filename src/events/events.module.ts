import { Module } from '@nestjs/common';
import { EventsService } from './events.service.js';

/** Typed in-process events; import it where you emit or subscribe (one shared instance). */
@Module({ providers: [EventsService], exports: [EventsService] })
export class EventsModule {}
