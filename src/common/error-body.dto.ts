import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'dueDate' }) field: string;
  @ApiProperty({ example: 'must be a real calendar date YYYY-MM-DD' }) problem: string;
}

export class EvidenceDto {
  @ApiProperty({ enum: ['title', 'description', 'successCriteria', 'ownerName', 'dueDate'] }) field: string;
  @ApiProperty({ description: 'Start offset in the field' }) start: number;
  @ApiProperty({ description: 'End offset in the field (exclusive)' }) end: number;
  @ApiProperty({ example: 'Be more careful' }) text: string;
}

/** One finding of the quality gate (SMART and blameless rules). */
export class FindingDto {
  @ApiProperty({ example: 'measurable' }) rule: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: 'error' | 'warning';
  @ApiProperty({ example: 'There are no success criteria.' }) message: string;
  @ApiProperty({ example: 'Say what someone else will observe when it is done, e.g. "the alert fires within 5 min".' })
  hint: string;
  @ApiProperty({ type: [EvidenceDto], description: 'Where in the draft it comes from; empty for a missing field' })
  evidence: EvidenceDto[];
}

/** Every error the API answers, from the one exception filter. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'dueDate must be a real calendar date YYYY-MM-DD' }) message: string;
  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'What is wrong, field by field' })
  details?: FieldProblemDto[];
  @ApiPropertyOptional({ type: [FindingDto], description: 'A 422 from the quality gate: every finding' })
  findings?: FindingDto[];
}
