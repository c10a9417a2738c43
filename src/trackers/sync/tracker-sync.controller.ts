import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MinRole } from '../../auth/roles.js';
import { TrackerSyncService } from './tracker-sync.service.js';

export class RunSyncQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'List every ticket (the nightly reconcile) instead of those changed since the last sync' })
  @IsOptional()
  @IsIn(['true', 'false'])
  full?: 'true' | 'false';
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
  @ApiOkResponse({ description: '{ checked, changed, requests, durationMs, projects }' })
  run(@Query() q: RunSyncQuery) {
    return this.sync.run({ full: q.full === 'true', wait: true });
  }
}
