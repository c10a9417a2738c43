import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/roles.js';
import { IdParam } from '../common/id-param.js';
import { ActionItemQuery, UpdateActionItemDto } from './action-item.dto.js';
import { ActionItemsService } from './action-items.service.js';

@ApiTags('action-items')
@ApiBearerAuth()
@Controller('action-items')
export class ActionItemsController {
  constructor(private readonly items: ActionItemsService) {}

  @Get()
  list(@Query() q: ActionItemQuery) {
    return this.items.list(q);
  }

  @Get(':id')
  get(@Param('id', IdParam) id: string) {
    return this.items.get(id);
  }

  @Patch(':id')
  update(@Param('id', IdParam) id: string, @Body() dto: UpdateActionItemDto, @CurrentActor() actor: Actor) {
    return this.items.update(id, dto, actor);
  }
}
