import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class LinkTicketDto {
  @ApiProperty({
    description:
      'The existing ticket: a Jira browse URL or bare key (OPS-12), or a GitHub issue URL (github.com or Enterprise)',
    examples: ['https://acme.atlassian.net/browse/OPS-12', 'OPS-12', 'https://github.com/acme/api/issues/12'],
  })
  @IsString()
  @Length(1, 2000)
  url: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The tracker connection holding the ticket; needed only when several could (a bare Jira key with several Jira connections)',
  })
  @IsOptional()
  @IsUUID()
  connectionId?: string;
}
