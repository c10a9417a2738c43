import { ApiProperty } from '@nestjs/swagger';

export class SummaryRangeDto {
  @ApiProperty({ example: '2026-09-02' }) from: string;
  @ApiProperty({ example: '2026-11-30', description: 'Inclusive' }) to: string;
  @ApiProperty({ example: '2026-11-30', description: 'The day overdue is measured against (UTC)' }) today: string;
  @ApiProperty({ example: 'UTC', description: 'Days and weeks (Monday to Sunday) are UTC days' }) timeZone: string;
}

export class SummaryCountsDto {
  @ApiProperty({ description: 'Open or in progress now, opened on or before `to`' }) open: number;
  @ApiProperty({ description: 'Open items past their due date (today > due date)' }) overdue: number;
  @ApiProperty({ description: 'Items whose status is done, closed within the range' }) done: number;
  @ApiProperty({ description: "Items whose status is won't do, closed within the range" }) wontDo: number;
  @ApiProperty({ description: 'Items opened within the range' }) opened: number;
}

export class ClosureRateDto {
  @ApiProperty({ example: '2026-06-04' }) from: string;
  @ApiProperty({ example: '2026-09-01' }) to: string;
  @ApiProperty({ description: 'Done items closed in this range that had a due date' }) closed: number;
  @ApiProperty({ description: 'Of those, closed on or before the due date (UTC day)' }) onTime: number;
  @ApiProperty({ type: Number, nullable: true, description: 'onTime / closed, 0..1; null when nothing closed' })
  rate: number | null;
}

export class TimeToCloseDto {
  @ApiProperty({ description: 'Done items closed within the range' }) count: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median days from opening to the last close' })
  medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '90th percentile, days' }) p90Days: number | null;
}

export class WeekPointDto {
  @ApiProperty({ example: '2026-11-23', description: 'Monday of the week (UTC)' }) weekStart: string;
  @ApiProperty({ description: 'Items opened in the week' }) opened: number;
  @ApiProperty({ description: "Items closed (done or won't do) in the week" }) closed: number;
  @ApiProperty({ description: 'Items open at the end of the week' }) cumulativeOpen: number;
}

export class AgeBucketDto {
  @ApiProperty({ example: '8-30' }) bucket: string;
  @ApiProperty({ example: 8 }) minDays: number;
  @ApiProperty({ type: Number, nullable: true, example: 30, description: 'null: no upper bound' })
  maxDays: number | null;
  @ApiProperty({ description: 'Open items overdue by this many days' }) count: number;
}

export class BreakdownRowDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Team or person id, priority, tracker kind; null: no team / no ticket',
  })
  key: string | null;
  @ApiProperty({ example: 'Payments' }) label: string;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
}

export class BreakdownsDto {
  @ApiProperty({ type: [BreakdownRowDto], description: "By the owner's team; key null: owners without a team" })
  team: BreakdownRowDto[];
  @ApiProperty({ type: [BreakdownRowDto], description: 'The 15 owners with the most overdue, then open, items' })
  owner: BreakdownRowDto[];
  @ApiProperty({ type: [BreakdownRowDto] }) priority: BreakdownRowDto[];
  @ApiProperty({ type: [BreakdownRowDto], description: 'jira, github, or null for items without a ticket' })
  tracker: BreakdownRowDto[];
}

/** Every figure the overview shows, computed in the database. */
export class DashboardSummaryDto {
  @ApiProperty({ type: SummaryRangeDto }) range: SummaryRangeDto;
  @ApiProperty({ type: SummaryCountsDto }) counts: SummaryCountsDto;
  @ApiProperty({ type: ClosureRateDto, description: 'On-time closure within the range' }) onTime: ClosureRateDto;
  @ApiProperty({ type: ClosureRateDto, description: 'The same figure for the range of equal length before' })
  onTimePrevious: ClosureRateDto;
  @ApiProperty({ type: TimeToCloseDto }) timeToClose: TimeToCloseDto;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Share of the open items (counts.open) whose owner has acknowledged them; null when none is open',
  })
  acknowledgedShare: number | null;
  @ApiProperty({ type: [WeekPointDto], description: 'Every week that overlaps the range, counted whole' })
  weekly: WeekPointDto[];
  @ApiProperty({ type: [AgeBucketDto] }) overdueAge: AgeBucketDto[];
  @ApiProperty({ type: BreakdownsDto, description: 'Open and overdue items' }) breakdowns: BreakdownsDto;
}
