import { Module } from '@nestjs/common';

/** What people do to an item's ticket: link an existing one, retry a failed creation, close it when the item closes. */
@Module({ controllers: [], providers: [] })
export class TicketActionsModule {}
