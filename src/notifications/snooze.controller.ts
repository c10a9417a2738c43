import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/current-actor.decorator.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/id-param.js';
import { ItemRemindersService } from './item-reminders.service.js';
import { SnoozeDto, SnoozeResultDto } from './notification.dto.js';

@ApiTags('action-items')
@ApiBearerAuth()
@Controller('action-items')
export class SnoozeController {
  constructor(private readonly reminders: ItemRemindersService) {}

  @Post(':id/snooze')
  @HttpCode(200)
  @ApiOperation({ summary: "Pause an item's nudges until a moment at most 30 days ahead (audit logged)" })
  @ApiOkResponse({ type: SnoozeResultDto })
  snooze(
    @Param('id', IdParam) id: string,
    @Body() dto: SnoozeDto,
    @CurrentActor() actor: Actor,
  ): Promise<SnoozeResultDto> {
    return this.reminders.snooze(id, dto, actor);
  }
}
