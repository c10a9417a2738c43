import { Controller, Get, HttpException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.js';
import { VERSION } from '../version.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** 200 when the database answers, 503 otherwise. */
  @Get()
  async health() {
    let database: 'ok' | 'unreachable' = 'ok';
    try {
      await this.ds.query('SELECT 1');
    } catch {
      database = 'unreachable';
    }
    const body = { status: database === 'ok' ? 'ok' : 'degraded', version: VERSION, database };
    if (database !== 'ok') throw new HttpException({ ...body, statusCode: 503, error: 'Service Unavailable', message: 'The database is unreachable' }, 503);
    return body;
  }
}
