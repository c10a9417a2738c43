import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { TrackerTargetDto } from '../trackers/index.js';
import { POSTMORTEM_STATUSES, SEVERITIES } from './postmortem.entity.js';

const nullableText = (description?: string) => ({ type: String, nullable: true, description });

@ApiExtraModels(TrackerTargetDto)
export class PostmortemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Checkout requests timed out for 47 minutes' }) title: string;
  @ApiProperty({ format: 'date-time' }) incidentStart: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) incidentEnd: string | null;
  @ApiProperty({ enum: SEVERITIES }) severity: (typeof SEVERITIES)[number];
  @ApiProperty() summary: string;
  @ApiProperty() impact: string;
  @ApiProperty({ type: [String], description: 'Causes and contributing factors' }) causes: string[];
  @ApiProperty({ type: String, format: 'uri', nullable: true }) documentUrl: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) facilitatorId: string | null;
  @ApiProperty({ enum: POSTMORTEM_STATUSES }) status: (typeof POSTMORTEM_STATUSES)[number];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId: string | null;
  @ApiProperty(nullableText('Why the review decided no action items are needed')) noActionNeededReason: string | null;
  @ApiProperty(nullableText('Accepted risk of having no critical or high item')) riskAcceptanceReason: string | null;
  @ApiProperty({
    allOf: [{ $ref: getSchemaPath(TrackerTargetDto) }],
    nullable: true,
    description: "Where its items' tickets go by default",
  })
  defaultTracker: TrackerTargetDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PostmortemPageDto {
  @ApiProperty({ type: [PostmortemDto] }) items: PostmortemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last' })
  nextCursor: string | null;
}
