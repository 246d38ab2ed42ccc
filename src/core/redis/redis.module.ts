import { Module } from '@nestjs/common';
import { RedisService } from './redis.service';

/** Redis connections and key namespace; imported by each module that shares state across API processes. */
@Module({
  providers: [RedisService],
  exports: [RedisService],
})
export class RedisModule {}
