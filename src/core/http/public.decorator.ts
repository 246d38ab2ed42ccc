import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'outpost:public';
/** The route needs no credentials (health, login, bootstrap). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
