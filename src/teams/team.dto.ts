import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../common/pagination.js';

export class CreateTeamDto {
  @ApiProperty({ example: 'Checkout' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() leadId?: string | null;
}

export class TeamQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Exact name' }) @IsOptional() @IsString() name?: string;
}
