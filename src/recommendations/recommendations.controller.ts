import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ActionItemDto } from '../action-items/index.js';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { CurrentActor } from '../common/current-actor.decorator.js';
import { type Actor, MinRole } from '../common/roles.js';
import { IdParam } from '../common/id-param.js';
import {
  AcceptRecommendationDto,
  CreateRecommendationDto,
  DeclineRecommendationDto,
  RecommendationQuery,
} from './recommendation.dto.js';
import { RecommendationDto, RecommendationPageDto } from './recommendation-response.dto.js';
import { RecommendationsService } from './recommendations.service.js';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller()
export class RecommendationsController {
  constructor(private readonly recs: RecommendationsService) {}

  @Post('postmortems/:id/recommendations')
  @ApiOperation({ summary: 'Propose a recommendation on a postmortem' })
  @ApiCreatedResponse({ type: RecommendationDto })
  create(
    @Param('id', IdParam) postmortemId: string,
    @Body() dto: CreateRecommendationDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.recs.create(postmortemId, dto, actor);
  }

  @Get('postmortems/:id/recommendations')
  @ApiOperation({ summary: "List a postmortem's recommendations, by status" })
  @ApiOkResponse({ type: RecommendationPageDto })
  list(@Param('id', IdParam) postmortemId: string, @Query() q: RecommendationQuery) {
    return this.recs.list(postmortemId, q);
  }

  /** 201 with the new action item; 422 with the findings when the quality gate says no. */
  @Post('recommendations/:id/accept')
  @MinRole('approver')
  @ApiOperation({ summary: 'Accept a recommendation as an action item, through the quality gate (approvers)' })
  @ApiBody({
    type: AcceptRecommendationDto,
    examples: {
      item: {
        value: {
          title: 'Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows',
          successCriteria: 'The CI job fails on a migration that creates a locking index on orders',
          ownerId: '3f1c2b9e-0000-4000-8000-000000000001',
          dueDate: '2026-12-15',
          priority: 'high',
          horizon: 'short_term',
        },
      },
      override: {
        value: {
          title: 'Review the runbook',
          successCriteria: 'Runbook reviewed',
          ownerId: '3f1c2b9e-0000-4000-8000-000000000001',
          dueDate: '2026-12-15',
          priority: 'low',
          horizon: 'long_term',
          tracker: null,
          override: { reason: 'Agreed in the review meeting: tracked as a team habit' },
        },
      },
    },
  })
  @ApiCreatedResponse({ type: ActionItemDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The recommendation is no longer proposed' })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyDto,
    description: 'The quality gate found errors: findings lists them with hints (approvers may send override)',
  })
  accept(@Param('id', IdParam) id: string, @Body() dto: AcceptRecommendationDto, @CurrentActor() actor: Actor) {
    return this.recs.accept(id, dto, actor);
  }

  @Post('recommendations/:id/decline')
  @HttpCode(200)
  @MinRole('approver')
  @ApiOperation({ summary: 'Decline a recommendation with a reason (approvers)' })
  @ApiOkResponse({ type: RecommendationDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'The recommendation is no longer proposed' })
  decline(@Param('id', IdParam) id: string, @Body() dto: DeclineRecommendationDto, @CurrentActor() actor: Actor) {
    return this.recs.decline(id, dto, actor);
  }
}
