import { Global, Module } from '@nestjs/common';
import { TicketRequestsService } from './ticket-requests.service.js';

@Global()
@Module({ providers: [TicketRequestsService], exports: [TicketRequestsService] })
export class TrackersModule {}
