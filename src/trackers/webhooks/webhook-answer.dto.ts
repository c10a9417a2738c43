import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answer to a delivery: accepted (new or a redelivery), or ignored with the event's name. */
export class WebhookAnswerDto {
  @ApiProperty({ description: 'Recorded and queued (or already received)' }) accepted: boolean;
  @ApiPropertyOptional({ description: 'With accepted: true, whether this delivery id was already received' })
  duplicate?: boolean;
  @ApiPropertyOptional({ example: 'ping', description: 'With accepted: false, the event that is not processed' })
  ignored?: string;
}
