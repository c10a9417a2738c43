import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MinRole } from '../common/roles.js';
import { IdParam } from '../common/id-param.js';
import {
  DeliveryDetailDto,
  DeliveryPageDto,
  DeliveryQuery,
  JobResultDto,
  JobRunListDto,
  JobRunQuery,
  RunJobDto,
} from './notification.dto.js';
import { NotificationsAdminService } from './notifications-admin.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@MinRole('admin')
@Controller('admin')
export class NotificationsAdminController {
  constructor(private readonly admin: NotificationsAdminService) {}

  @Get('deliveries')
  @ApiOperation({ summary: 'The email delivery log, oldest first, with filters' })
  @ApiOkResponse({ type: DeliveryPageDto })
  deliveries(@Query() q: DeliveryQuery): Promise<DeliveryPageDto> {
    return this.admin.deliveries(q);
  }

  @Get('deliveries/:id')
  @ApiOperation({ summary: 'One delivery with its rendered text and HTML' })
  @ApiOkResponse({ type: DeliveryDetailDto })
  delivery(@Param('id', IdParam) id: string): Promise<DeliveryDetailDto> {
    return this.admin.delivery(id);
  }

  @Get('deliveries/:id/preview')
  @ApiOperation({ summary: 'The HTML of a message, as the recipient sees it' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The HTML part', content: { 'text/html': { schema: { type: 'string' } } } })
  async preview(@Param('id', IdParam) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { html } = await this.admin.delivery(id);
    res.type('html');
    return html;
  }

  @Get('jobs')
  @ApiOperation({ summary: 'Recent runs of every job (newest first) with their results' })
  @ApiOkResponse({ type: JobRunListDto })
  jobs(@Query() q: JobRunQuery): Promise<JobRunListDto> {
    return this.admin.jobRuns(q);
  }

  @Post('jobs/overdue-nudges/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the overdue nudges now (optionally as of another moment)' })
  @ApiOkResponse({ type: JobResultDto })
  runNudges(@Body() body: RunJobDto = {}): Promise<JobResultDto> {
    return this.admin.run('overdue-nudges', body.now);
  }

  @Post('jobs/weekly-digest/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the weekly digest now (optionally as of another moment)' })
  @ApiOkResponse({ type: JobResultDto })
  runDigest(@Body() body: RunJobDto = {}): Promise<JobResultDto> {
    return this.admin.run('weekly-digest', body.now);
  }
}
