import { ApiProperty } from '@nestjs/swagger';
import { RECOMMENDATION_STATUSES } from './recommendation.entity.js';

export class RecommendationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postmortemId: string;
  @ApiProperty({ example: 'Add a CI check for locking migrations' }) text: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposedById: string | null;
  @ApiProperty({ enum: RECOMMENDATION_STATUSES }) status: (typeof RECOMMENDATION_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true }) declineReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actionItemId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class RecommendationPageDto {
  @ApiProperty({ type: [RecommendationDto] }) items: RecommendationDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last' })
  nextCursor: string | null;
}
