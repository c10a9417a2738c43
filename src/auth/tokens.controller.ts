import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { CurrentActor } from '../common/current-actor.decorator.js';
import { type Actor, MinRole } from '../common/roles.js';
import { CreateTokenDto } from './token.dto.js';
import { CreatedTokenDto, TokenPageDto } from './token-response.dto.js';
import { TokensService } from './tokens.service.js';

@ApiTags('tokens')
@ApiBearerAuth()
@MinRole('admin')
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** The token value is in this response only; it is stored as a hash. */
  @Post()
  @ApiOperation({ summary: 'Create an API token (admins); its value is in this answer only' })
  @ApiBody({ type: CreateTokenDto, examples: { ci: { value: { name: 'CI pipeline', role: 'editor' } } } })
  @ApiCreatedResponse({ type: CreatedTokenDto })
  async create(@Body() dto: CreateTokenDto, @CurrentActor() actor: Actor) {
    const t = await this.tokens.create(dto.name, dto.role, actor);
    return { id: t.id, name: t.name, role: t.role, token: t.token, createdAt: t.createdAt };
  }

  @Get()
  @ApiOperation({ summary: 'List API tokens, without their values (admins)' })
  @ApiOkResponse({ type: TokenPageDto })
  async list() {
    return { items: await this.tokens.list(), nextCursor: null };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API token (admins)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revoke(@Param('id', IdParam) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.tokens.revoke(id, actor);
  }
}
