import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor } from '../common/current-actor.decorator.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/id-param.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { ActionItemDto, ActionItemPageDto } from './action-item-response.dto.js';
import { ActionItemQuery, UpdateActionItemDto } from './action-item.dto.js';
import type { ActionItemView } from './action-item.view.js';
import { ActionItemsService } from './action-items.service.js';

@ApiTags('action-items')
@ApiBearerAuth()
@Controller('action-items')
export class ActionItemsController {
  constructor(private readonly items: ActionItemsService) {}

  @Get()
  @ApiOperation({ summary: 'List action items, filtered by status, owner, team, postmortem, priority, overdue' })
  @ApiOkResponse({ type: ActionItemPageDto })
  list(@Query() q: ActionItemQuery) {
    return this.items.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one action item' })
  @ApiOkResponse({ type: ActionItemDto })
  get(@Param('id', IdParam) id: string) {
    return this.items.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit an action item: fields, status (closing closes its ticket), owner, due date' })
  @ApiBody({
    type: UpdateActionItemDto,
    examples: {
      reschedule: { value: { dueDate: '2026-12-15', priority: 'high' } },
      close: { value: { status: 'wont_do', wontDoReason: 'Superseded by the connection pool rewrite' } },
      override: {
        value: {
          title: 'Be more careful with migrations',
          override: { reason: 'Agreed in the review: the detail is in the linked runbook' },
        },
      },
    },
  })
  @ApiOkResponse({ type: ActionItemDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto, description: 'Role too low, or an override by a non-approver' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyDto,
    description: 'The edit introduces an error finding; findings lists them (approvers may send override)',
  })
  update(
    @Param('id', IdParam) id: string,
    @Body() dto: UpdateActionItemDto,
    @CurrentActor() actor: Actor,
  ): Promise<ActionItemView> {
    return this.items.update(id, dto, actor);
  }
}
