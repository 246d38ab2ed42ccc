import { Global, Module } from '@nestjs/common';
import { RedisService } from './redis.service';

/**
 * Redis connections and key namespace; imported by each module that shares state across API
 * processes. Global so the health probes (declared in AppModule) can report the connection.
 */
@Global()
@Module({
  providers: [RedisService],
  exports: [RedisService],
})
export class RedisModule {}
