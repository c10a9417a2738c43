import { Global, Module } from '@nestjs/common';
import { QualityController } from './quality.controller.js';
import { QualityService } from './quality.service.js';

@Global()
@Module({ controllers: [QualityController], providers: [QualityService], exports: [QualityService] })
export class QualityModule {}
