import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { type Actor, MinRole } from '../auth/roles.js';
import { IdParam } from '../common/id-param.js';
import {
  AcceptRecommendationDto,
  CreateRecommendationDto,
  DeclineRecommendationDto,
  RecommendationQuery,
} from './recommendation.dto.js';
import { RecommendationsService } from './recommendations.service.js';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller()
export class RecommendationsController {
  constructor(private readonly recs: RecommendationsService) {}

  @Post('postmortems/:id/recommendations')
  create(
    @Param('id', IdParam) postmortemId: string,
    @Body() dto: CreateRecommendationDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.recs.create(postmortemId, dto, actor);
  }

  @Get('postmortems/:id/recommendations')
  list(@Param('id', IdParam) postmortemId: string, @Query() q: RecommendationQuery) {
    return this.recs.list(postmortemId, q);
  }

  /** 201 with the new action item; 422 with the findings when the quality gate says no. */
  @Post('recommendations/:id/accept')
  @MinRole('approver')
  accept(@Param('id', IdParam) id: string, @Body() dto: AcceptRecommendationDto, @CurrentActor() actor: Actor) {
    return this.recs.accept(id, dto, actor);
  }

  @Post('recommendations/:id/decline')
  @HttpCode(200)
  @MinRole('approver')
  decline(@Param('id', IdParam) id: string, @Body() dto: DeclineRecommendationDto, @CurrentActor() actor: Actor) {
    return this.recs.decline(id, dto, actor);
  }
}
