import { ApiProperty } from '@nestjs/swagger';

const nullableTime = { type: String, format: 'date-time', nullable: true } as const;

/** A connection as /health shows it to anyone: never its URL, last error or credentials. */
export class TrackerHealthDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['jira', 'github'] }) kind: string;
  @ApiProperty({ enum: ['ok', 'rate_limited', 'failing'] }) state: string;
  @ApiProperty(nullableTime) rateLimitedUntil: string | null;
  @ApiProperty(nullableTime) failingSince: string | null;
  @ApiProperty(nullableTime) lastSuccessAt: string | null;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded: a tracker or the mail is failing (still 200)' })
  status: 'ok' | 'degraded';
  @ApiProperty({ example: '0.1.0' }) version: string;
  @ApiProperty({ enum: ['ok', 'unreachable'] }) database: 'ok' | 'unreachable';
  @ApiProperty({ type: [TrackerHealthDto] }) trackers: TrackerHealthDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The mail sender: its state and queue (null when it could not be read)',
  })
  email: Record<string, unknown> | null;
}
