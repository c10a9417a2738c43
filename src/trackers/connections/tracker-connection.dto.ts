import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
} from 'class-validator';

export const FLAVORS = ['cloud', 'datacenter', 'github.com', 'enterprise'] as const;

export class CreateTrackerConnectionDto {
  @ApiProperty({ enum: ['jira', 'github'] }) @IsIn(['jira', 'github']) kind: 'jira' | 'github';
  @ApiProperty({ example: 'acme-jira' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ example: 'https://acme.atlassian.net', description: 'Jira site URL, or the GitHub API URL' })
  @IsUrl(
    { require_protocol: true, require_tld: false, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  baseUrl: string;
  @ApiProperty({ enum: FLAVORS, description: 'Jira: cloud | datacenter; GitHub: github.com | enterprise' })
  @IsIn(FLAVORS)
  flavor: (typeof FLAVORS)[number];
  @ApiPropertyOptional({ description: 'Jira Cloud account email' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  email?: string;
  @ApiProperty({ description: 'API token / personal access token; write-only', writeOnly: true })
  @IsString()
  @Length(1, 500)
  token: string;
  @ApiPropertyOptional({ description: 'Webhook signing secret; write-only', writeOnly: true })
  @IsOptional()
  @IsString()
  @Length(8, 500)
  webhookSecret?: string;
  @ApiPropertyOptional({ description: 'Jira project key or GitHub owner/repo' })
  @IsOptional()
  @Matches(/^([A-Z][A-Z0-9_]+|[\w.-]+\/[\w.-]+)$/, { message: 'must be a Jira project key (OPS) or owner/repo' })
  defaultProject?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[^\s,]{1,50}$/, { each: true, message: 'each label must be 1-50 characters without spaces or commas' })
  labels?: string[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateTrackerConnectionDto extends PartialType(OmitType(CreateTrackerConnectionDto, ['kind'] as const)) {}
