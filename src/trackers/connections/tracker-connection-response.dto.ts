import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const nullableTime = { type: String, format: 'date-time', nullable: true } as const;

export class ConnectionHealthDto {
  @ApiProperty({ enum: ['ok', 'rate_limited', 'failing'] }) state: string;
  @ApiProperty(nullableTime) rateLimitedUntil: string | null;
  @ApiProperty(nullableTime) failingSince: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty(nullableTime) lastSuccessAt: string | null;
}

/** A tracker connection; its credentials are never returned, only whether a webhook secret is set. */
export class TrackerConnectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['jira', 'github'] }) kind: 'jira' | 'github';
  @ApiProperty({ example: 'jira-cloud' }) name: string;
  @ApiProperty({ format: 'uri' }) baseUrl: string;
  @ApiProperty({ enum: ['cloud', 'datacenter', 'github.com', 'enterprise'] }) flavor: string;
  @ApiProperty({ type: String, nullable: true, description: 'Jira Cloud account email' }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Jira project key or GitHub owner/repo' })
  defaultProject: string | null;
  @ApiProperty({ type: [String] }) labels: string[];
  @ApiProperty({ enum: ['api', 'env'] }) source: 'api' | 'env';
  @ApiProperty() enabled: boolean;
  @ApiProperty() hasWebhookSecret: boolean;
  @ApiProperty({ type: ConnectionHealthDto }) health: ConnectionHealthDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TrackerConnectionPageDto {
  @ApiProperty({ type: [TrackerConnectionDto] }) items: TrackerConnectionDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every connection is on one page' })
  nextCursor: string | null;
}

/** The tracker's answer to a connection test: ok with who we are, or the error code. */
export class ConnectionTestDto {
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ description: 'The identity the credentials act as' }) user?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The project checked' }) project?: string | null;
  @ApiPropertyOptional({ enum: ['NOT_FOUND', 'RATE_LIMITED', 'TEMPORARY', 'FORBIDDEN', 'CONFLICT', 'UNKNOWN'] })
  error?: string;
  @ApiPropertyOptional() message?: string;
}
