import { ApiProperty } from '@nestjs/swagger';

/** One signed-in session of the account: a refresh-token rotation family. */
export class SessionOutputDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'When the user signed in' }) createdAt: Date;
  @ApiProperty({ description: 'The latest sign-in or token refresh of this session' }) lastUsedAt: Date;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ description: 'The session making this request' }) current: boolean;
}
