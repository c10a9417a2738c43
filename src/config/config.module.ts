import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { DatabaseTarget } from '../database/database-target.js';
import { EnvConfig } from './env.config.js';

/** Injection token for where the data lives. */
export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

/** The validated environment, injectable as `EnvConfig`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: EnvConfig, target: DatabaseTarget): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: EnvConfig, useValue: env },
        { provide: DATABASE_TARGET, useValue: target },
      ],
      exports: [EnvConfig, DATABASE_TARGET],
    };
  }
}
