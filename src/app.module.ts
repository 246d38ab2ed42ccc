import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from './core/config/app-config';
import { buildDataSourceOptions } from './core/database/data-source-options';
import { AllExceptionsFilter } from './core/http/exception.filter';
import { EnvelopeInterceptor } from './core/http/envelope';
import { createValidationPipe } from './core/http/validation';
import { loggerParams } from './core/logging/logging';
import { EventsModule } from './core/events/events.module';
import { MailModule } from './core/mail/mail.module';
import { HealthController } from './core/health/health.controller';
import { MetricsController } from './core/metrics/metrics.controller';
import { MetricsService } from './core/metrics/metrics.service';
import { FEATURE_MODULES } from './modules';

export interface AppModuleOptions {
  /** false: build the app without connecting (OpenAPI generation). */
  connectDatabase?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerParams(config.LOG_LEVEL)),
        EventsModule,
        MailModule,
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(config.DATABASE_URL ?? 'postgres://invalid/none'),
          manualInitialization: options.connectDatabase === false,
          retryAttempts: 0,
        }),
        ...FEATURE_MODULES,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        MetricsService,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
      ],
      exports: [APP_CONFIG, MetricsService],
    };
  }
}
