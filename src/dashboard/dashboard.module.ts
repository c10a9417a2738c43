import { Module } from '@nestjs/common';
import { ActionItemsModule } from '../action-items/index.js';
import { PeopleModule } from '../people/index.js';
import { ActionItemsCsvController } from './action-items-csv.controller.js';
import { ActionItemsCsvService } from './action-items-csv.service.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

@Module({
  imports: [ActionItemsModule, PeopleModule],
  controllers: [DashboardController, ActionItemsCsvController],
  providers: [DashboardService, ActionItemsCsvService],
  exports: [DashboardService],
})
export class DashboardModule {}
