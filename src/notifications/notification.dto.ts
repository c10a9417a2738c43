import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { DELIVERY_STATUSES, type DeliveryStatus, EMAIL_KINDS, type EmailKind } from './email-delivery.entity.js';

export class DeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EMAIL_KINDS }) @IsOptional() @IsIn(EMAIL_KINDS) kind?: EmailKind;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() recipientId?: string;
  @ApiPropertyOptional({ example: 'priya@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  recipientEmail?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() itemId?: string;
  @ApiPropertyOptional({ description: 'Item step (`overdue-8`) or period (`2026-W50`)', example: '2026-W50' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  period?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Written at or after' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be an ISO 8601 time' })
  since?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Written before' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be an ISO 8601 time' })
  until?: string;
}

/** A delivery-log row without its content. */
export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Unique per recipient, kind and item step or period', example: 'digest:…:2026-W50' })
  key: string;
  @ApiProperty({ enum: EMAIL_KINDS }) kind: EmailKind;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) recipientId: string | null;
  @ApiProperty() recipientEmail: string;
  @ApiProperty({ type: [String], description: 'Copied (escalation)' }) cc: string[];
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) itemId: string | null;
  @ApiProperty({ example: 'overdue-8' }) period: string;
  @ApiProperty({ format: 'date', description: "The recipient's local date when it was written" }) day: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt: Date;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) lastAttemptAt: Date | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) sentAt: Date | null;
  @ApiProperty({ example: '<5f0c…@example.com>' }) messageId: string;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() subject: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

/** A delivery with the rendered message. */
export class DeliveryDetailDto extends DeliveryDto {
  @ApiProperty({ description: 'The plain-text part' }) text: string;
  @ApiProperty({ description: 'The HTML part' }) html: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Extra headers' })
  headers: Record<string, string>;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class RunJobDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Evaluate the rules as of this moment instead of now (tests, previews)',
    example: '2026-12-07T09:30:00Z',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true, strictSeparator: true },
    { message: 'must be an ISO 8601 time such as 2026-12-07T09:30:00Z' },
  )
  now?: string;
}

export class JobResultDto {
  @ApiProperty({ description: 'Messages the mail server accepted during this run' }) sent: number;
  @ApiProperty({ description: 'Due but not sent: already sent, quiet time, preferences off, nothing to report' })
  skipped: number;
  @ApiProperty({ description: 'Messages that failed for good during this run' }) failed: number;
  @ApiProperty({ description: 'Without SMTP_URL: messages kept in the delivery log, not sent' }) outbox: number;
  @ApiProperty() durationMs: number;
}

/** The lists' `limit` (not their cursor: recent runs are one page). */
export class JobRunQuery extends PickType(PageQuery, ['limit'] as const) {
  @ApiPropertyOptional({ example: 'weekly-digest' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: 'must be a job name such as weekly-digest' })
  name?: string;
}

export class JobRunDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'weekly-digest' }) name: string;
  @ApiProperty({ enum: ['schedule', 'admin', 'queue'] }) trigger: string;
  @ApiProperty({
    format: 'date-time',
    type: String,
    nullable: true,
    description: 'The moment the rules were evaluated as of',
  })
  asOf: Date | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) startedAt: Date | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) finishedAt: Date | null;
  @ApiProperty({ enum: ['running', 'ok', 'error'] }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: "The job's result" })
  result: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

export class JobRunListDto {
  @ApiProperty({ type: [JobRunDto] }) items: JobRunDto[];
}

export class SnoozeDto {
  @ApiProperty({
    format: 'date-time',
    description: 'Nudges pause until then; at most 30 days ahead. A date (YYYY-MM-DD) means its start in UTC.',
    example: '2026-12-20T09:00:00Z',
  })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 time or date' })
  until: string;
  @ApiProperty({ example: 'Waiting for the vendor fix in 4.2', minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class SnoozeResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) snoozedUntil: Date;
  @ApiProperty() snoozeReason: string;
}

export class LinkTokenQuery {
  @ApiProperty({ description: 'The signed token from the email link' })
  @IsString()
  @Length(1, 1000)
  t: string;
}
