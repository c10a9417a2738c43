import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination.js';

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'action_item', description: 'Kind of record: action_item, recommendation, …' })
  @IsOptional()
  @Matches(/^[a-z_]{1,50}$/, { message: 'must be a record kind such as action_item' })
  entityType?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'One record' }) @IsOptional() @IsUUID() entityId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The API token that acted' })
  @IsOptional()
  @IsUUID()
  actorTokenId?: string;
  @ApiPropertyOptional({ example: 'tracker-webhook:OPS-12', description: 'Actor name, exactly' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actorName?: string;
  @ApiPropertyOptional({
    example: 'action_item.update',
    description: 'Action, exactly; ending in "." matches every action of that kind',
  })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_.]*)?$/, { message: 'must be an action such as action_item.update' })
  action?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'At or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Before this time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  to?: string;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for the system: sync, webhooks, jobs',
  })
  actorTokenId: string | null;
  @ApiProperty({ example: 'approver token' }) actorName: string;
  @ApiProperty({ example: 'action_item.update' }) action: string;
  @ApiProperty({ example: 'action_item' }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Changed fields as { field: { from, to } }, or other context of the action (never secrets)',
  })
  changes: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last' })
  nextCursor: string | null;
}
