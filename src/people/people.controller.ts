import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/roles.js';
import { IdParam } from '../common/id-param.js';
import { CreatePersonDto, PersonQuery, UpdatePersonDto } from './person.dto.js';
import { PeopleService } from './people.service.js';

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  create(@Body() dto: CreatePersonDto, @CurrentActor() actor: Actor) {
    return this.people.create(dto, actor);
  }

  @Get()
  list(@Query() q: PersonQuery) {
    return this.people.list(q);
  }

  @Get(':id')
  get(@Param('id', IdParam) id: string) {
    return this.people.get(id);
  }

  @Patch(':id')
  update(@Param('id', IdParam) id: string, @Body() dto: UpdatePersonDto, @CurrentActor() actor: Actor) {
    return this.people.update(id, dto, actor);
  }
}
