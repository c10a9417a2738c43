import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { todayUtc } from '../common/dates.js';
import { ActionItemsCsvQuery } from './action-items-csv.query.js';
import { ActionItemsCsvService } from './action-items-csv.service.js';

@ApiTags('action-items')
@ApiBearerAuth()
@Controller()
export class ActionItemsCsvController {
  constructor(private readonly csv: ActionItemsCsvService) {}

  /** Every action item matching the list endpoint's filters, as CSV (streamed, oldest first). */
  @Get('action-items.csv')
  @ApiOperation({ summary: "Export action items as CSV, with the list endpoint's filters" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'RFC 4180 CSV, one row per action item', schema: { type: 'string' } })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  export(@Query() q: ActionItemsCsvQuery): StreamableFile {
    return new StreamableFile(Readable.from(this.csv.lines(q)), {
      disposition: `attachment; filename="action-items-${todayUtc()}.csv"`,
    });
  }
}
