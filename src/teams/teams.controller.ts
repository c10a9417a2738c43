import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/roles.js';
import { CreateTeamDto, TeamQuery } from './team.dto.js';
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

  @Get()
  list(@Query() q: TeamQuery) {
    return this.teams.list(q);
  }
}
