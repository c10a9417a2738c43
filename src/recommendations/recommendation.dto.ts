import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { ActionItemFieldsDto } from '../action-items/index.js';
import { PageQuery } from '../common/pagination.js';
import { TrackerTargetDto } from '../trackers/index.js';
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

export class OverrideDto {
  @ApiProperty({ description: 'Why the item is accepted despite error findings' })
  @IsString()
  @Length(10, 2000)
  reason: string;
}

/** Accepting a recommendation: the action item it becomes, where its ticket goes, and an approver's override. */
export class AcceptRecommendationDto extends ActionItemFieldsDto {
  @ApiPropertyOptional({
    type: TrackerTargetDto,
    nullable: true,
    description:
      "Where to create the ticket; omitted: the postmortem's, else the owner's team's defaultTracker; null: no ticket",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackerTargetDto)
  tracker?: TrackerTargetDto | null;
  @ApiPropertyOptional({ type: OverrideDto, description: 'Approvers: accept despite error findings' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}
