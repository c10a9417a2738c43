import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ROLES, type Role } from '../common/roles.js';

export class SignInDto {
  @ApiProperty({ description: 'An API token (viewer or above)', example: 'rmt_0123456789abcdef0123456789abcdef' })
  @IsString()
  @Length(1, 200)
  token: string;
}

export class SessionDto {
  @ApiProperty({ example: 'first admin' }) name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: Date | null;
}
