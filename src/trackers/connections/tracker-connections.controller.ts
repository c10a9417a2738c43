import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorBodyDto } from '../../common/error-body.dto.js';
import { CurrentActor } from '../../common/current-actor.decorator.js';
import { type Actor, MinRole } from '../../common/roles.js';
import { IdParam } from '../../common/id-param.js';
import { CreateTrackerConnectionDto, UpdateTrackerConnectionDto } from './tracker-connection.dto.js';
import {
  ConnectionTestDto,
  TrackerConnectionDto,
  TrackerConnectionPageDto,
} from './tracker-connection-response.dto.js';
import { TrackerConnectionsService } from './tracker-connections.service.js';

@ApiTags('tracker-connections')
@ApiBearerAuth()
@MinRole('admin')
@Controller('tracker-connections')
export class TrackerConnectionsController {
  constructor(private readonly connections: TrackerConnectionsService) {}

  @Post()
  @ApiOperation({ summary: 'Add a Jira site or GitHub host to file tickets in (admins)' })
  @ApiBody({
    type: CreateTrackerConnectionDto,
    examples: {
      jiraCloud: {
        value: {
          kind: 'jira',
          name: 'jira-cloud',
          baseUrl: 'https://acme.atlassian.net',
          flavor: 'cloud',
          email: 'bot@acme.example',
          token: '<API token>',
          defaultProject: 'OPS',
          webhookSecret: '<shared secret>',
        },
      },
      github: {
        value: {
          kind: 'github',
          name: 'github',
          baseUrl: 'https://api.github.com',
          flavor: 'github.com',
          token: '<token>',
          defaultProject: 'acme/api',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: TrackerConnectionDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The name is taken' })
  create(@Body() dto: CreateTrackerConnectionDto, @CurrentActor() actor: Actor) {
    return this.connections.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List tracker connections with their health (admins)' })
  @ApiOkResponse({ type: TrackerConnectionPageDto })
  list() {
    return this.connections.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one tracker connection (admins)' })
  @ApiOkResponse({ type: TrackerConnectionDto })
  get(@Param('id', IdParam) id: string) {
    return this.connections.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a tracker connection; credentials are write-only (admins)' })
  @ApiBody({ type: UpdateTrackerConnectionDto, examples: { rotate: { value: { token: '<new token>' } } } })
  @ApiOkResponse({ type: TrackerConnectionDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The name is taken' })
  update(@Param('id', IdParam) id: string, @Body() dto: UpdateTrackerConnectionDto, @CurrentActor() actor: Actor) {
    return this.connections.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a tracker connection no ticket points at (admins)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'Tickets point at it: disable it instead' })
  async remove(@Param('id', IdParam) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.connections.remove(id, actor);
  }

  /** 200 `{ ok, user, project }` or `{ ok: false, error, message }`: the tracker's answer, not ours. */
  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: "Check a connection's credentials and project against the tracker (admins)" })
  @ApiOkResponse({ type: ConnectionTestDto })
  test(@Param('id', IdParam) id: string, @Query('project') project?: string) {
    return this.connections.test(id, project);
  }
}
