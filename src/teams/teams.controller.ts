import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/roles.js';
import { IdParam } from '../common/id-param.js';
import { CreateTeamDto, TeamQuery, UpdateTeamDto } from './team.dto.js';
import { TeamsService } from './teams.service.js';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post()
  create(@Body() dto: CreateTeamDto, @CurrentActor() actor: Actor) {
    return this.teams.create(dto, actor);
  }

  @Patch(':id')
  update(@Param('id', IdParam) id: string, @Body() dto: UpdateTeamDto, @CurrentActor() actor: Actor) {
    return this.teams.update(id, dto, actor);
  }

  @Get()
  list(@Query() q: TeamQuery) {
    return this.teams.list(q);
  }
}
