import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsController } from './metrics.controller.js';
import { HttpMetrics } from './http.metrics.js';
import { MetricsService } from './metrics.service.js';

@Global()
@Module({ controllers: [MetricsController], providers: [MetricsService, HttpMetrics], exports: [MetricsService] })
export class MetricsModule implements NestModule {
  constructor(private readonly http: HttpMetrics) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((req: Request, res: Response, next: NextFunction) => {
        const end = this.http.duration.startTimer({ method: req.method });
        // The route template (not the raw path) keeps label cardinality bounded.
        res.on('finish', () =>
          end({
            route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched',
            status: String(res.statusCode),
          }),
        );
        next();
      })
      .forRoutes('*path');
  }
}
