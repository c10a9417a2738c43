import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { type ActionItemType, type Horizon, HORIZONS, ITEM_TYPES, type Priority, PRIORITIES } from './quality.types.js';

export class DraftTrackerDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() connectionId?: string;
  @ApiPropertyOptional({ enum: ['jira', 'github'] }) @IsOptional() @IsIn(['jira', 'github']) kind?: 'jira' | 'github';
}

/** A draft as typed in the meeting: only the title is required; the rules judge the rest. */
export class QualityCheckDto {
  @ApiProperty({ example: 'Improve database performance' }) @IsString() @Length(1, 300) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) successCriteria?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ example: 'Platform team', description: 'Owner as typed in the meeting' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ownerName?: string;
  @ApiPropertyOptional({ example: '2026-12-15', description: 'Judged by the time-bound rule' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  dueDate?: string;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional({ enum: HORIZONS }) @IsOptional() @IsIn(HORIZONS) horizon?: Horizon;
  @ApiPropertyOptional({ enum: ITEM_TYPES }) @IsOptional() @IsIn(ITEM_TYPES) type?: ActionItemType;
  @ApiPropertyOptional({ type: DraftTrackerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DraftTrackerDto)
  tracker?: DraftTrackerDto;
}

/** The words that triggered a finding: text === the field's value sliced at [start, end). */
export class EvidenceDto {
  @ApiProperty({ enum: ['title', 'description', 'successCriteria', 'ownerName', 'dueDate'] }) field: string;
  @ApiProperty({ example: 0 }) start: number;
  @ApiProperty({ example: 7 }) end: number;
  @ApiProperty({ example: 'Improve' }) text: string;
}

export class FindingDto {
  @ApiProperty({ enum: ['specific', 'measurable', 'owned', 'time-bound', 'blameless'] }) rule: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: string;
  @ApiProperty() message: string;
  @ApiProperty() hint: string;
  @ApiProperty({ type: [EvidenceDto] }) evidence: EvidenceDto[];
}

export class CheckResultDto {
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
}

/** A finding about the postmortem as a whole (no words to point at: `evidence` is empty). */
export class PostmortemFindingDto {
  @ApiProperty({ enum: ['balance', 'focus', 'priority', 'duplicate'] }) rule: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: string;
  @ApiProperty() message: string;
  @ApiProperty() hint: string;
  @ApiProperty({ type: [EvidenceDto] }) evidence: EvidenceDto[];
}

export class ItemQualityDto {
  @ApiProperty({ format: 'uuid' }) actionItemId: string;
  @ApiProperty() title: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
}

export class RecommendationQualityDto {
  @ApiProperty({ format: 'uuid' }) recommendationId: string;
  @ApiProperty() text: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ type: [FindingDto], description: 'Only the rules a recommendation can fail: specific, blameless' })
  findings: FindingDto[];
}

export class PostmortemQualityDto {
  @ApiProperty({ format: 'uuid' }) postmortemId: string;
  @ApiProperty({ type: [PostmortemFindingDto] }) findings: PostmortemFindingDto[];
  @ApiProperty({ type: [ItemQualityDto] }) items: ItemQualityDto[];
  @ApiProperty({ type: [RecommendationQualityDto], description: 'Open (proposed) recommendations' })
  recommendations: RecommendationQualityDto[];
}
