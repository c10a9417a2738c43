import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/roles.js';
import { IdParam } from '../common/id-param.js';
import { CreatePostmortemDto, PostmortemQuery, UpdatePostmortemDto } from './postmortem.dto.js';
import { PostmortemsService } from './postmortems.service.js';

@ApiTags('postmortems')
@ApiBearerAuth()
@Controller('postmortems')
export class PostmortemsController {
  constructor(private readonly postmortems: PostmortemsService) {}

  @Post()
  create(@Body() dto: CreatePostmortemDto, @CurrentActor() actor: Actor) {
    return this.postmortems.create(dto, actor);
  }

  @Get()
  list(@Query() q: PostmortemQuery) {
    return this.postmortems.list(q);
  }

  @Get(':id')
  get(@Param('id', IdParam) id: string) {
    return this.postmortems.get(id);
  }

  @Patch(':id')
  update(@Param('id', IdParam) id: string, @Body() dto: UpdatePostmortemDto, @CurrentActor() actor: Actor) {
    return this.postmortems.update(id, dto, actor);
  }
}
