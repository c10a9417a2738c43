import { Global, Module } from '@nestjs/common';
import { QualityController } from './quality.controller.js';
import { QualityService } from './quality.service.js';
import { TrackerKindResolver } from './tracker-kind.resolver.js';

@Global()
@Module({ controllers: [QualityController], providers: [QualityService, TrackerKindResolver], exports: [QualityService] })
export class QualityModule {}
