import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../common/roles.js';
import { CheckResultDto, QualityCheckDto } from './quality.dto.js';
import { QualityService } from './quality.service.js';

@ApiTags('quality')
@ApiBearerAuth()
@Controller()
export class QualityController {
  constructor(private readonly quality: QualityService) {}

  /** Judges a draft without saving anything. */
  @Post('quality/check')
  @HttpCode(200)
  @MinRole('viewer')
  @ApiOperation({ summary: 'Judge a draft action item without saving anything' })
  @ApiOkResponse({ type: CheckResultDto })
  check(@Body() dto: QualityCheckDto) {
    return this.quality.check(dto);
  }
}
