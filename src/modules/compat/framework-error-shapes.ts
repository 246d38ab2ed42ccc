import type { FrameworkErrorShape } from '../../core/http/input-guard';
import { reshapeEnvelopeError } from './shared/compat-error-shape';
import { isV1Request } from './v1/shardlyn.module';

/**
 * The compat dialects' error shape for errors Fastify answers before routing (given to the adapter
 * by app.factory). Only `/v1` is known from the raw path; Skyport is recognised by its route
 * patterns (SKYPORT_ROUTES), which exist only after routing, where CompatErrorShape's hook covers
 * every error.
 */
export const COMPAT_FRAMEWORK_ERROR_SHAPES: readonly FrameworkErrorShape[] = [{ matches: isV1Request, reshape: reshapeEnvelopeError }];
