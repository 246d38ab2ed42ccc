import { Type, DynamicModule } from '@nestjs/common';
import { IdentityModule } from './identity.module';

/** Every feature module, in one list the app module imports. */
export const FEATURE_MODULES: Array<Type | DynamicModule> = [IdentityModule];
