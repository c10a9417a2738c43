import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { TrackerTargetDto } from '../trackers/index.js';
import { PageQuery } from '../common/pagination.js';

export class CreateTeamDto {
  @ApiProperty({ example: 'Checkout' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() leadId?: string | null;
  @ApiPropertyOptional({
    type: TrackerTargetDto,
    nullable: true,
    description:
      "Where tickets go for items owned by the team's people, when accept names no tracker and the postmortem has no default",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackerTargetDto)
  defaultTracker?: TrackerTargetDto | null;
}

export class UpdateTeamDto extends PartialType(CreateTeamDto) {}

export class TeamQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Exact name' }) @IsOptional() @IsString() name?: string;
}
