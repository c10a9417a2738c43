import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../auth/roles.js';
import { IdParam } from '../common/id-param.js';
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
  @ApiOkResponse({ type: CheckResultDto })
  check(@Body() dto: QualityCheckDto) {
    return this.quality.check(dto);
  }

  @Get('postmortems/:id/quality')
  postmortem(@Param('id', IdParam) id: string) {
    return this.quality.checkPostmortem(id);
  }
}
