import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { FindingDto } from '../common/error-body.dto.js';
import { HORIZONS, ITEM_STATUSES, ITEM_TYPES, PRIORITIES } from './action-item.entity.js';
import { TICKET_STATES } from './ticket-link.embedded.js';

const nullableText = (description?: string) => ({ type: String, nullable: true, description });
const nullableTime = (description?: string) => ({ type: String, format: 'date-time', nullable: true, description });

export class TicketLinkDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) connectionId: string | null;
  @ApiProperty(nullableText('Jira project key (null for GitHub)')) project: string | null;
  @ApiProperty(nullableText('GitHub owner/repo (null for Jira)')) repo: string | null;
  @ApiProperty(nullableText('OPS-12 or owner/repo#12')) key: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'GitHub issue number' }) number: number | null;
  @ApiProperty({ type: String, format: 'uri', nullable: true }) url: string | null;
  @ApiProperty(nullableText("The tracker's own status text")) externalStatus: string | null;
  @ApiProperty(nullableTime()) lastSyncedAt: string | null;
  @ApiProperty({ enum: TICKET_STATES, nullable: true }) state: (typeof TICKET_STATES)[number] | null;
  @ApiProperty(nullableText('Why creation failed, or what sync noticed')) problem: string | null;
}

/** An action item as the API returns it. */
@ApiExtraModels(TicketLinkDto)
export class ActionItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postmortemId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recommendationId: string | null;
  @ApiProperty() title: string;
  @ApiProperty(nullableText()) description: string | null;
  @ApiProperty() successCriteria: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ format: 'date', example: '2026-12-15' }) dueDate: string;
  @ApiProperty({ enum: PRIORITIES }) priority: (typeof PRIORITIES)[number];
  @ApiProperty({ enum: HORIZONS }) horizon: (typeof HORIZONS)[number];
  @ApiProperty({ enum: ITEM_TYPES, nullable: true }) type: (typeof ITEM_TYPES)[number] | null;
  @ApiProperty({ enum: ITEM_STATUSES }) status: (typeof ITEM_STATUSES)[number];
  @ApiProperty(nullableText('Set with status wont_do')) wontDoReason: string | null;
  @ApiProperty(nullableTime()) closedAt: string | null;
  // allOf: a bare $ref cannot be nullable in OpenAPI 3.0.
  @ApiProperty({
    allOf: [{ $ref: getSchemaPath(TicketLinkDto) }],
    nullable: true,
    description: 'Null when the item has no ticket',
  })
  ticket: TicketLinkDto | null;
  @ApiProperty(nullableTime()) acknowledgedAt: string | null;
  @ApiProperty(nullableTime()) snoozedUntil: string | null;
  @ApiProperty(nullableText()) snoozeReason: string | null;
  @ApiProperty({ type: [FindingDto] }) qualityFindings: FindingDto[];
  @ApiProperty(nullableText('Why an approver kept the item despite error findings')) qualityOverrideReason:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ActionItemPageDto {
  @ApiProperty({ type: [ActionItemDto] }) items: ActionItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last' })
  nextCursor: string | null;
}
