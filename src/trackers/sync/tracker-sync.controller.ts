import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MinRole } from '../../common/roles.js';
import { TrackerSyncService } from './tracker-sync.service.js';

export class RunSyncQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'List every ticket (the nightly reconcile) instead of those changed since the last sync',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  full?: 'true' | 'false';
}

/** The OpenAPI shape of a sync's answer (ProjectSyncResult / SyncResult in the service). */
export class ProjectSyncResultDto {
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ description: 'Connection name' }) connection: string;
  @ApiProperty({ description: 'Jira project key or GitHub owner/repo' }) project: string;
  @ApiProperty({ enum: ['incremental', 'full'] }) mode: 'incremental' | 'full';
  @ApiProperty() checked: number;
  @ApiProperty() changed: number;
  @ApiProperty() requests: number;
  @ApiProperty({ description: 'GitHub answered 304: nothing changed, no rate limit spent' }) notModified: boolean;
  @ApiPropertyOptional({ description: 'Another replica was syncing this project' }) skipped?: boolean;
  @ApiPropertyOptional({ description: 'Why this project failed; its cursor stays, so the next run catches up' })
  error?: string;
}

export class SyncResultDto {
  @ApiProperty({ description: 'Tickets looked at (listed or fetched)' }) checked: number;
  @ApiProperty({ description: 'Action items whose record changed' }) changed: number;
  @ApiProperty({ description: 'HTTP requests sent to trackers' }) requests: number;
  @ApiProperty({
    description: 'Tickets whose creation failed while their tracker was unreachable, queued again now that it answers',
  })
  requeued: number;
  @ApiProperty() durationMs: number;
  @ApiProperty({ type: [ProjectSyncResultDto] }) projects: ProjectSyncResultDto[];
}

@ApiTags('admin')
@ApiBearerAuth()
@MinRole('admin')
@Controller('admin/jobs/tracker-sync')
export class TrackerSyncController {
  constructor(private readonly sync: TrackerSyncService) {}

  /** Runs the sync now and answers with its result; a project another replica is syncing is waited for. */
  @Post('run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the tracker sync now and answer with its result (admins)' })
  @ApiOkResponse({ type: SyncResultDto })
  run(@Query() q: RunSyncQuery): Promise<SyncResultDto> {
    return this.sync.run({ full: q.full === 'true', wait: true });
  }
}
