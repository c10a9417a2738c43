import { ApiProperty } from '@nestjs/swagger';

const nullable = (description?: string) => ({ type: String, nullable: true, description });

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Priya Raman' }) name: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) teamId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) managerId: string | null;
  @ApiProperty(nullable('Jira Cloud account id')) jiraAccountId: string | null;
  @ApiProperty(nullable('Jira Data Center user name')) jiraUsername: string | null;
  @ApiProperty(nullable()) githubLogin: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Receives the weekly digest' }) emailDigest: boolean;
  @ApiProperty({ description: 'Receives due-date nudges' }) emailNudges: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PersonPageDto {
  @ApiProperty({ type: [PersonDto] }) items: PersonDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last' })
  nextCursor: string | null;
}
