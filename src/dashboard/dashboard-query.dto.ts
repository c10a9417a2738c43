import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PRIORITIES } from '../action-items/index.js';
import { SEVERITIES, type Severity } from '../postmortems/index.js';
import type { Priority } from '../quality/index.js';

export const TRACKER_FILTERS = ['jira', 'github', 'none'] as const;
export type TrackerFilter = (typeof TRACKER_FILTERS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: 'must be a calendar date YYYY-MM-DD' };

/** The overview's filters; every field is optional and the URL of the pages holds the same names. */
export class DashboardQuery {
  @ApiPropertyOptional({
    example: '2026-09-01',
    description: 'First day of the range (UTC); default: 89 days before `to`',
  })
  @IsOptional()
  @Matches(DATE, DATE_MESSAGE)
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day of the range, inclusive (UTC); default: today' })
  @IsOptional()
  @Matches(DATE, DATE_MESSAGE)
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Items whose owner is in this team (as on GET /action-items)' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ enum: SEVERITIES, description: "The postmortem's severity" })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ enum: TRACKER_FILTERS, description: "The kind of the item's ticket; none: no ticket" })
  @IsOptional()
  @IsIn(TRACKER_FILTERS)
  tracker?: TrackerFilter;
}
