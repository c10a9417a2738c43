import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { CurrentActor } from '../common/current-actor.decorator.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/id-param.js';
import { CreateTeamDto, TeamQuery, UpdateTeamDto } from './team.dto.js';
import { TeamDto, TeamPageDto } from './team-response.dto.js';
import { TeamsService } from './teams.service.js';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post()
  @ApiOperation({ summary: 'Add a team' })
  @ApiCreatedResponse({ type: TeamDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The name is taken' })
  create(@Body() dto: CreateTeamDto, @CurrentActor() actor: Actor) {
    return this.teams.create(dto, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a team: name, lead, default tracker' })
  @ApiOkResponse({ type: TeamDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The name is taken' })
  update(@Param('id', IdParam) id: string, @Body() dto: UpdateTeamDto, @CurrentActor() actor: Actor) {
    return this.teams.update(id, dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List teams, by name' })
  @ApiOkResponse({ type: TeamPageDto })
  list(@Query() q: TeamQuery) {
    return this.teams.list(q);
  }
}
