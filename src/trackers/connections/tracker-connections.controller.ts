import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { type Actor, MinRole } from '../../auth/roles.js';
import { IdParam } from '../../common/id-param.js';
import { CreateTrackerConnectionDto, UpdateTrackerConnectionDto } from './tracker-connection.dto.js';
import { TrackerConnectionsService } from './tracker-connections.service.js';

@ApiTags('tracker-connections')
@ApiBearerAuth()
@MinRole('admin')
@Controller('tracker-connections')
export class TrackerConnectionsController {
  constructor(private readonly connections: TrackerConnectionsService) {}

  @Post()
  create(@Body() dto: CreateTrackerConnectionDto, @CurrentActor() actor: Actor) {
    return this.connections.create(dto, actor);
  }

  @Get()
  list() {
    return this.connections.list();
  }

  @Get(':id')
  get(@Param('id', IdParam) id: string) {
    return this.connections.get(id);
  }

  @Patch(':id')
  update(@Param('id', IdParam) id: string, @Body() dto: UpdateTrackerConnectionDto, @CurrentActor() actor: Actor) {
    return this.connections.update(id, dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', IdParam) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.connections.remove(id, actor);
  }

  /** 200 `{ ok, user, project }` or `{ ok: false, error, message }`: the tracker's answer, not ours. */
  @Post(':id/test')
  @HttpCode(200)
  test(@Param('id', IdParam) id: string, @Query('project') project?: string) {
    return this.connections.test(id, project);
  }
}
