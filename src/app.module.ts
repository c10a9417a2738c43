import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ActionItemsModule } from './action-items/index.js';
import { AuditModule } from './audit/index.js';
import { AuthModule } from './auth/index.js';
import { ConfigModule, type EnvConfig } from './config/index.js';
import { DashboardModule } from './dashboard/index.js';
import { dataSourceOptions } from './database/data-source.js';
import type { DatabaseTarget } from './database/database-target.js';
import { HealthModule } from './health/index.js';
import { loggerOptions } from './logging.js';
import { JobsModule } from './jobs/index.js';
import { MetricsModule } from './metrics/index.js';
import { NotificationsModule } from './notifications/index.js';
import { PeopleModule } from './people/index.js';
import { PostmortemsModule } from './postmortems/index.js';
import { QualityModule } from './quality/index.js';
import { RecommendationsModule } from './recommendations/index.js';
import { TeamsModule } from './teams/index.js';
import { TicketActionsModule, TrackersModule, WebhooksModule } from './trackers/index.js';

@Module({})
export class AppModule {
  static forRoot(env: EnvConfig, target: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env, target),
        LoggerModule.forRoot(loggerOptions(env)),
        TypeOrmModule.forRoot(dataSourceOptions(target.url, env.DB_POOL_SIZE)),
        ScheduleModule.forRoot(),
        MetricsModule,
        JobsModule,
        TrackersModule,
        AuditModule,
        AuthModule,
        HealthModule,
        TeamsModule,
        PeopleModule,
        PostmortemsModule,
        QualityModule,
        RecommendationsModule,
        ActionItemsModule,
        TicketActionsModule,
        WebhooksModule,
        DashboardModule,
        NotificationsModule,
      ],
    };
  }
}
