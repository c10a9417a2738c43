import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PostmortemQualityDto } from '../quality/index.js';
import { IdParam } from '../common/id-param.js';
import { PostmortemQualityService } from './postmortem-quality.service.js';

@ApiTags('quality')
@ApiBearerAuth()
@Controller()
export class PostmortemQualityController {
  constructor(private readonly postmortemQuality: PostmortemQualityService) {}

  // The operation id it had while quality served it, so the document does not change.
  @Get('postmortems/:id/quality')
  @ApiOperation({
    operationId: 'QualityController_postmortem',
    summary: 'Quality findings of a postmortem, its action items and its open recommendations',
  })
  @ApiOkResponse({ type: PostmortemQualityDto })
  postmortem(@Param('id', IdParam) id: string): Promise<PostmortemQualityDto> {
    return this.postmortemQuality.check(id);
  }
}
