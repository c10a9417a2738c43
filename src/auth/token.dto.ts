import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ROLES, type Role } from '../common/roles.js';

export class CreateTokenDto {
  @ApiProperty({ example: 'ci-pipeline' }) @IsString() @Length(1, 100) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}
