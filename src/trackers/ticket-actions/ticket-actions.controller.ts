import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ActionItemDto } from '../../action-items/index.js';
import { CurrentActor } from '../../common/current-actor.decorator.js';
import { type Actor, MinRole } from '../../common/roles.js';
import { IdParam } from '../../common/id-param.js';
import { TicketActionsService } from './ticket-actions.service.js';
import { LinkTicketDto } from './ticket-link.dto.js';

@ApiTags('action-items')
@ApiBearerAuth()
@Controller('action-items')
export class TicketActionsController {
  constructor(private readonly tickets: TicketActionsService) {}

  /** Links an existing ticket instead of creating one; the item takes the ticket's current state. */
  @Post(':id/link')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link an action item to an existing ticket by URL or key' })
  @ApiOkResponse({
    type: ActionItemDto,
    description: 'The item, linked (also when it was already linked to this ticket)',
  })
  @ApiUnprocessableEntityResponse({ description: 'The tracker has no such ticket, or would not show it' })
  @ApiConflictResponse({
    description: 'The ticket belongs to another item, or this item has a pending or other linked ticket',
  })
  @ApiServiceUnavailableResponse({ description: 'The tracker is rate limiting or not answering; nothing was linked' })
  link(@Param('id', IdParam) id: string, @Body() dto: LinkTicketDto, @CurrentActor() actor: Actor) {
    return this.tickets.link(id, dto, actor);
  }

  /** Queues creating a failed or missing ticket again; never a duplicate (the creator searches for the earlier attempt first). */
  @Post(':id/ticket/retry')
  @MinRole('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Try again to create the ticket of an item whose ticket failed or went missing' })
  @ApiAcceptedResponse({ type: ActionItemDto, description: 'The item, its ticket pending again' })
  @ApiConflictResponse({ description: 'The ticket is not failed or missing' })
  retry(@Param('id', IdParam) id: string, @CurrentActor() actor: Actor) {
    return this.tickets.retry(id, actor);
  }
}
