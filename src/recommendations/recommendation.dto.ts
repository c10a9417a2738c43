import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from './recommendation.entity.js';

export class CreateRecommendationDto {
  @ApiProperty({ example: 'Add a CI check for locking migrations' }) @IsString() @Length(1, 2000) text: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() proposedById?: string | null;
}

export class DeclineRecommendationDto {
  @ApiProperty({ example: 'Covered by the deploy freeze item' }) @IsString() @Length(1, 2000) reason: string;
}

export class RecommendationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RECOMMENDATION_STATUSES })
  @IsOptional()
  @IsIn(RECOMMENDATION_STATUSES)
  status?: RecommendationStatus;
}
