import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { PostmortemQualityService } from './postmortem-quality.service.js';

@ApiTags('quality')
@ApiBearerAuth()
@Controller()
export class PostmortemQualityController {
  constructor(private readonly postmortemQuality: PostmortemQualityService) {}

  // The operation id it had while quality served it, so the document does not change.
  @Get('postmortems/:id/quality')
  @ApiOperation({ operationId: 'QualityController_postmortem' })
  postmortem(@Param('id', IdParam) id: string) {
    return this.postmortemQuality.check(id);
  }
}
