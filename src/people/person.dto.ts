import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../common/pagination.js';

const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreatePersonDto {
  @ApiProperty({ example: 'Priya Raman' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'priya@example.com' })
  @Transform(trimLower)
  @IsEmail({}, { message: 'must be an email address' })
  email: string;
  @ApiPropertyOptional({ example: 'Europe/Berlin', default: 'UTC' })
  @IsOptional()
  @IsTimeZone({ message: 'must be an IANA time zone such as Europe/Berlin' })
  timezone?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() teamId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() managerId?: string | null;
  @ApiPropertyOptional({ description: 'Jira Cloud account id', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  jiraAccountId?: string | null;
  @ApiPropertyOptional({ description: 'Jira Data Center user name', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  jiraUsername?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, { message: 'must be a GitHub login' })
  githubLogin?: string | null;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ default: true, description: 'Receives the weekly digest' })
  @IsOptional()
  @IsBoolean()
  emailDigest?: boolean;
  @ApiPropertyOptional({ default: true, description: 'Receives assignment notices and nudges about their items' })
  @IsOptional()
  @IsBoolean()
  emailNudges?: boolean;
}

export class UpdatePersonDto extends PartialType(CreatePersonDto) {}

export class PersonQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
  @ApiPropertyOptional() @IsOptional() @Transform(trimLower) @IsString() email?: string;
}
