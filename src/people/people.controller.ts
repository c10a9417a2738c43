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
import { CreatePersonDto, PersonQuery, UpdatePersonDto } from './person.dto.js';
import { PeopleService } from './people.service.js';
import { PersonDto, PersonPageDto } from './person-response.dto.js';

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @ApiOperation({ summary: 'Add a person who can own action items' })
  @ApiCreatedResponse({ type: PersonDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The email is already in use' })
  create(@Body() dto: CreatePersonDto, @CurrentActor() actor: Actor) {
    return this.people.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List people, by team, active or email' })
  @ApiOkResponse({ type: PersonPageDto })
  list(@Query() q: PersonQuery) {
    return this.people.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one person' })
  @ApiOkResponse({ type: PersonDto })
  get(@Param('id', IdParam) id: string) {
    return this.people.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a person; active: false deactivates (people are never deleted)' })
  @ApiOkResponse({ type: PersonDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The email is already in use' })
  update(@Param('id', IdParam) id: string, @Body() dto: UpdatePersonDto, @CurrentActor() actor: Actor) {
    return this.people.update(id, dto, actor);
  }
}
