import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CurrentActor } from './current-actor.decorator.js';
import { type Actor, MinRole } from './roles.js';
import { CreateTokenDto } from './token.dto.js';
import { TokensService } from './tokens.service.js';

@ApiTags('tokens')
@ApiBearerAuth()
@MinRole('admin')
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** The token value is in this response only; it is stored as a hash. */
  @Post()
  async create(@Body() dto: CreateTokenDto, @CurrentActor() actor: Actor) {
    const t = await this.tokens.create(dto.name, dto.role, actor);
    return { id: t.id, name: t.name, role: t.role, token: t.token, createdAt: t.createdAt };
  }

  @Get()
  async list() {
    return { items: await this.tokens.list(), nextCursor: null };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id', IdParam) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.tokens.revoke(id, actor);
  }
}
