import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardQuery } from './dashboard-query.dto.js';
import { DashboardSummaryDto } from './dashboard-summary.dto.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** Every figure of the overview for a date range and filters (viewer or above). */
  @Get('summary')
  @ApiOperation({ summary: 'Every figure of the dashboard overview for a date range and filters' })
  @ApiOkResponse({ type: DashboardSummaryDto })
  summary(@Query() q: DashboardQuery): Promise<DashboardSummaryDto> {
    return this.dashboard.summary(q);
  }
}
