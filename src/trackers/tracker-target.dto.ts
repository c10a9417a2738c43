import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { TrackerTarget } from './tracker-target.js';

/** Where an item's ticket goes, as requests (accept, a team's or postmortem's default) give it. */
export class TrackerTargetDto implements TrackerTarget {
  @ApiProperty({ format: 'uuid', description: 'Tracker connection to create the ticket in' })
  @IsUUID()
  connectionId: string;
  @ApiPropertyOptional({ description: "Jira project key (default: the connection's)" })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]+$/, { message: 'must be a Jira project key such as OPS' })
  project?: string;
  @ApiPropertyOptional({ description: "GitHub owner/repo (default: the connection's)" })
  @IsOptional()
  @Matches(/^[\w.-]+\/[\w.-]+$/, { message: 'must be owner/repo' })
  repo?: string;
}
