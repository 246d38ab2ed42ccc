import { ApiProperty } from '@nestjs/swagger';

/**
 * The reply of `POST /v1/instances/{id}/files/tus` (TUS creation). TUS clients read the headers
 * (`Location`, `Upload-Offset`, `Tus-Resumable`); the body says the same for plain clients.
 */
export class V1TusUploadDTO {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    description: "Where the chunks go (HEAD / PATCH / DELETE): Outpost's native TUS URL `/gameserver/{id}/files/tus/{upload}` (seed 001 names no PATCH path); same credentials",
  })
  location: string;
  @ApiProperty({ description: 'The file this upload writes, relative to the data directory' }) path: string;
  @ApiProperty() upload_offset: number;
  @ApiProperty() upload_length: number;
}
