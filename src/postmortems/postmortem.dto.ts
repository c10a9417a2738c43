import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { TrackerTargetDto } from '../trackers/index.js';
import { PageQuery } from '../common/pagination.js';
import { POSTMORTEM_STATUSES, type PostmortemStatus, SEVERITIES, type Severity } from './postmortem.entity.js';

export class CreatePostmortemDto {
  @ApiProperty({ example: 'Checkout requests timed out for 47 minutes' }) @IsString() @Length(1, 300) title: string;
  @ApiProperty({ example: '2026-03-04T14:02:00Z' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  incidentStart: string;
  @ApiPropertyOptional({ example: '2026-03-04T14:49:00Z', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  incidentEnd?: string | null;
  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES) severity: Severity;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) impact?: string;
  @ApiPropertyOptional({ type: [String], description: 'Causes and contributing factors' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  causes?: string[];
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUrl({ require_protocol: true, require_tld: false }, { message: 'must be an http(s) URL' })
  documentUrl?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() facilitatorId?: string | null;
  @ApiPropertyOptional({ enum: POSTMORTEM_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(POSTMORTEM_STATUSES)
  status?: PostmortemStatus;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() teamId?: string | null;
  @ApiPropertyOptional({ description: 'Record that the review needs no action items, and why', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  noActionNeededReason?: string | null;
  @ApiPropertyOptional({
    description: 'Recorded acceptance of the risk of having no critical or high item',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  riskAcceptanceReason?: string | null;
  @ApiPropertyOptional({
    type: TrackerTargetDto,
    nullable: true,
    description: "Where this postmortem's tickets go when accept names no tracker",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackerTargetDto)
  defaultTracker?: TrackerTargetDto | null;
}

export class UpdatePostmortemDto extends PartialType(CreatePostmortemDto) {}

export class PostmortemQuery extends PageQuery {
  @ApiPropertyOptional({ enum: POSTMORTEM_STATUSES })
  @IsOptional()
  @IsIn(POSTMORTEM_STATUSES)
  status?: PostmortemStatus;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() facilitatorId?: string;
}
