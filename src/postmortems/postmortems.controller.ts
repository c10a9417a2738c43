import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/current-actor.decorator.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/id-param.js';
import { CreatePostmortemDto, PostmortemQuery, UpdatePostmortemDto } from './postmortem.dto.js';
import { PostmortemDto, PostmortemPageDto } from './postmortem-response.dto.js';
import { PostmortemsService } from './postmortems.service.js';

@ApiTags('postmortems')
@ApiBearerAuth()
@Controller('postmortems')
export class PostmortemsController {
  constructor(private readonly postmortems: PostmortemsService) {}

  @Post()
  @ApiOperation({ summary: 'Record a postmortem' })
  @ApiBody({
    type: CreatePostmortemDto,
    examples: {
      postmortem: {
        value: {
          title: 'Checkout requests timed out for 47 minutes',
          incidentStart: '2026-03-04T14:02:00Z',
          incidentEnd: '2026-03-04T14:49:00Z',
          severity: 'SEV-2',
          summary: 'A migration locked the orders table.',
          causes: ['CREATE INDEX without CONCURRENTLY on a 40M-row table'],
        },
      },
    },
  })
  @ApiCreatedResponse({ type: PostmortemDto })
  create(@Body() dto: CreatePostmortemDto, @CurrentActor() actor: Actor) {
    return this.postmortems.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List postmortems, by status, team or severity' })
  @ApiOkResponse({ type: PostmortemPageDto })
  list(@Query() q: PostmortemQuery) {
    return this.postmortems.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one postmortem' })
  @ApiOkResponse({ type: PostmortemDto })
  get(@Param('id', IdParam) id: string) {
    return this.postmortems.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a postmortem: fields, status, default tracker' })
  @ApiOkResponse({ type: PostmortemDto })
  update(@Param('id', IdParam) id: string, @Body() dto: UpdatePostmortemDto, @CurrentActor() actor: Actor) {
    return this.postmortems.update(id, dto, actor);
  }
}
