import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../common/roles.js';
import { notFound } from '../common/domain-errors.js';
import { IdParam } from '../common/id-param.js';
import { PageQuery } from '../common/pagination.js';
import { AuditLogQuery, AuditPageDto } from './audit.dto.js';
import { AuditService } from './audit.service.js';

/** The audit log, read: who changed what and when. Writing it stays with each feature's transaction. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit-log')
  @MinRole('admin')
  @ApiOperation({ summary: 'Audit log entries, filtered by record, actor, action and time (admins)' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() q: AuditLogQuery): Promise<AuditPageDto> {
    return this.audit.list(q);
  }

  @Get('action-items/:id/history')
  @ApiOperation({ summary: "An action item's history: every change, who made it and when" })
  @ApiOkResponse({ type: AuditPageDto })
  async history(@Param('id', IdParam) id: string, @Query() q: PageQuery): Promise<AuditPageDto> {
    const page = await this.audit.history('action_item', id, q);
    // Every item has at least its creation entry: none means no such item.
    if (!page.items.length && !q.cursor) throw notFound('Action item', id);
    return page;
  }
}
