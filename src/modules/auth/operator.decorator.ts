import { applyDecorators, SetMetadata } from '@nestjs/common';
import { IS_PUBLIC } from '../../core/http/public.decorator';
import { DomainOptional, InstanceAdminOnly } from './auth-context';

/** The route also accepts `Authorization: Bearer <METRICS_TOKEN>` (checked by AuthenticationGuard). */
export const METRICS_TOKEN_ALLOWED = 'outpost:metrics-token';

/**
 * Operator endpoints (/metrics, /health/detailed): an instance administrator's credentials (user
 * session or instance-wide API token), or the METRICS_TOKEN bearer when it is configured.
 * Anonymous callers get 401, other users 403. Overrides a class-level @Public().
 */
export const OperatorOnly = () => applyDecorators(SetMetadata(IS_PUBLIC, false), SetMetadata(METRICS_TOKEN_ALLOWED, true), DomainOptional(), InstanceAdminOnly());
