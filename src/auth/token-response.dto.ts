import { ApiProperty } from '@nestjs/swagger';
import { ROLE_RANK } from '../common/roles.js';

const ROLES = Object.keys(ROLE_RANK);

export class TokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CI pipeline' }) name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

export class TokenPageDto {
  @ApiProperty({ type: [TokenDto] }) items: TokenDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every token is on one page' })
  nextCursor: string | null;
}

/** The only answer that shows the token's value: it is stored as a hash. */
export class CreatedTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ description: 'The bearer token; shown once' }) token: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
