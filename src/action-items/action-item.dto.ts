import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { IsCalendarDate } from '../common/validation.js';
import type { ActionItemType, Horizon, Priority } from '../quality/index.js';
import { HORIZONS, ITEM_STATUSES, ITEM_TYPES, type ItemStatus, PRIORITIES } from './action-item.entity.js';
import { ITEM_SORTS, type ItemSort } from './item-order.js';

/** The fields that describe an action item, shared by accept and the quality check. */
export class ActionItemFieldsDto {
  @ApiProperty({ example: 'Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows' })
  @IsString()
  @Length(1, 300)
  title: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Length(0, 20000) description?: string | null;
  @ApiProperty({
    required: false,
    example: 'The CI job fails on a migration that creates a locking index on orders',
    description: 'Judged by the quality gate (measurable): missing or empty is a 422 with its hint',
  })
  @IsString()
  @MaxLength(5000)
  successCriteria: string = '';
  @ApiProperty({ format: 'uuid' }) @IsUUID() ownerId: string;
  @ApiProperty({ format: 'date', example: '2026-12-15' }) @IsCalendarDate() dueDate: string;
  @ApiProperty({ enum: PRIORITIES }) @IsIn(PRIORITIES) priority: Priority;
  @ApiProperty({ enum: HORIZONS }) @IsIn(HORIZONS) horizon: Horizon;
  @ApiPropertyOptional({ enum: ITEM_TYPES, nullable: true })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: ActionItemType | null;
}

export class EditOverrideDto {
  @ApiProperty({
    description: 'Why the edit is kept despite error findings',
    example: 'Agreed with the owner: the wording is tracked in the postmortem review',
  })
  @IsString()
  @Length(10, 2000)
  reason: string;
}

export class UpdateActionItemDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Length(0, 20000) description?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) successCriteria?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-12-15' }) @IsOptional() @IsCalendarDate() dueDate?: string;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional({ enum: HORIZONS }) @IsOptional() @IsIn(HORIZONS) horizon?: Horizon;
  @ApiPropertyOptional({ enum: ITEM_TYPES, nullable: true })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: ActionItemType | null;
  @ApiPropertyOptional({ enum: ITEM_STATUSES }) @IsOptional() @IsIn(ITEM_STATUSES) status?: ItemStatus;
  @ApiPropertyOptional({ description: 'Required with status wont_do' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  wontDoReason?: string;
  @ApiPropertyOptional({
    type: EditOverrideDto,
    description: 'Approvers: keep an edit that introduces error findings (otherwise a 422)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => EditOverrideDto)
  override?: EditOverrideDto;
}

export class ActionItemQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ITEM_STATUSES }) @IsOptional() @IsIn(ITEM_STATUSES) status?: ItemStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Items whose owner is in this team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() postmortemId?: string;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Open or in progress and past the due date' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({
    enum: ITEM_SORTS,
    default: 'createdAt',
    description:
      'Order of the list, a field ascending or with `-` descending (priority: most urgent first; status: open, ' +
      "in progress, done, won't do); ties by id. A cursor pages only in the sort it came from.",
  })
  @IsOptional()
  @IsIn(ITEM_SORTS)
  sort?: ItemSort;
}
