import { Controller, Get, HttpException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../common/roles.js';
import { type EmailHealth, EmailHealthService } from '../notifications/index.js';
import { type ConnectionHealthState, healthState, TrackerConnection } from '../trackers/index.js';
import { VERSION } from '../version.js';
import { HealthDto } from './health-response.dto.js';

/** What /health tells anyone about a connection. Public: never the base URL, last error, tokens or secrets. */
export interface TrackerHealth {
  id: string;
  name: string;
  kind: TrackerConnection['kind'];
  state: ConnectionHealthState;
  rateLimitedUntil: Date | null;
  failingSince: Date | null;
  lastSuccessAt: Date | null;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly emailHealth: EmailHealthService,
  ) {}

  /**
   * 200 when the database answers, 503 otherwise. A failing tracker makes the status
   * `degraded` but keeps 200: the service still records and serves items without it, and a
   * load balancer must not take replicas out because Jira is down.
   */
  @Get()
  @ApiOperation({ summary: 'Whether the service, its database, trackers and mail work (no token needed)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'The database is unreachable' })
  async health() {
    let database: 'ok' | 'unreachable' = 'ok';
    let trackers: TrackerHealth[] = [];
    let email: EmailHealth | null = null;
    try {
      await this.ds.query('SELECT 1');
      trackers = await this.trackers();
      email = await this.emailHealth.health();
    } catch {
      database = 'unreachable';
    }
    // Like a tracker, failing mail degrades the status but keeps 200.
    const failing = trackers.some((t) => t.state === 'failing') || email?.state === 'failing';
    const body = {
      status: database === 'ok' && !failing ? 'ok' : 'degraded',
      version: VERSION,
      database,
      trackers,
      email,
    };
    if (database !== 'ok')
      throw new HttpException(
        { ...body, statusCode: 503, error: 'Service Unavailable', message: 'The database is unreachable' },
        503,
      );
    return body;
  }

  private async trackers(): Promise<TrackerHealth[]> {
    // Only the columns we show: the secrets are select:false anyway, lastError is left out on purpose.
    const rows = await this.ds.getRepository(TrackerConnection).find({
      select: {
        id: true,
        name: true,
        kind: true,
        rateLimitedUntil: true,
        failingSince: true,
        lastSuccessAt: true,
        createdAt: true,
      },
      where: { enabled: true },
      order: { createdAt: 'ASC' },
    });
    const now = new Date();
    return rows.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      state: healthState(c, now),
      rateLimitedUntil: c.rateLimitedUntil,
      failingSince: c.failingSince,
      lastSuccessAt: c.lastSuccessAt,
    }));
  }
}
