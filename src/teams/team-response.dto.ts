import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { TrackerTargetDto } from '../trackers/index.js';

@ApiExtraModels(TrackerTargetDto)
export class TeamDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Platform' }) name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) leadId: string | null;
  @ApiProperty({
    allOf: [{ $ref: getSchemaPath(TrackerTargetDto) }],
    nullable: true,
    description: "Where its members' items get tickets when the postmortem names none",
  })
  defaultTracker: TrackerTargetDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TeamPageDto {
  @ApiProperty({ type: [TeamDto] }) items: TeamDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last' })
  nextCursor: string | null;
}
