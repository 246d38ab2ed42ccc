import { SetMetadata } from '@nestjs/common';

export const NOT_AUDITED = 'outpost:not-audited';

/**
 * A POST/PUT/PATCH/DELETE that changes nothing worth a row (issuing a short-lived console token, one
 * chunk of an upload whose creation was audited). `why` is for the reader of the controller.
 */
export const NotAudited = (why: string) => SetMetadata(NOT_AUDITED, why);
