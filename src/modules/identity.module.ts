import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { RedisModule } from '../core/redis/redis.module';
import { ApiToken } from './apitoken/entities/api-token.entity';
import { ApiTokenController } from './apitoken/api-token.controller';
import { ApiTokenRepository } from './apitoken/api-token.repository';
import { ApiTokenService } from './apitoken/api-token.service';
import { AuditLog } from './auditlog/entities/audit-log.entity';
import { AuditInterceptor } from './auditlog/audit.interceptor';
import { AuditLogController } from './auditlog/auditlog.controller';
import { AdminAuditLogController } from './auditlog/admin-audit.controller';
import { AuditLogRepository } from './auditlog/audit-log.repository';
import { AuditService } from './auditlog/audit.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { AuthenticationGuard } from './auth/authentication.guard';
import { DomainAccessService } from './auth/domain-access.service';
import { DomainGuard } from './auth/domain.guard';
import { RefreshToken } from './auth/entities/refresh-token.entity';
import { PermissionGuard } from './auth/permission.guard';
import { PrivilegePolicy } from './auth/privilege-policy';
import { RateLimitStore } from './auth/rate-limit.store';
import { CountersThrottlerStorage } from './auth/throttler-storage';
import { TokenService } from './auth/token.service';
import { ApiTokenStrategy } from './auth/strategies/api-token.strategy';
import { JwtStrategy } from './auth/strategies/jwt.strategy';
import { RefreshTokenRepository } from './auth/refresh-token.repository';
import { Domain } from './domain/entities/domain.entity';
import { DomainController } from './domain/domain.controller';
import { DomainRepository } from './domain/domain.repository';
import { DomainService } from './domain/domain.service';
import { Membership } from './membership/entities/membership.entity';
import { MembershipController } from './membership/membership.controller';
import { MembershipRepository } from './membership/membership.repository';
import { MembershipService } from './membership/membership.service';
import { MemberPermissionsService } from './membership/member-permissions.service';
import { Role } from './role/entities/role.entity';
import { RoleController } from './role/role.controller';
import { RoleRepository } from './role/role.repository';
import { RoleService } from './role/role.service';
import { User } from './user/entities/user.entity';
import { UserController } from './user/user.controller';
import { UserRepository } from './user/user.repository';
import { UserService } from './user/user.service';
import { InstanceSettings } from './settings/entities/instance-settings.entity';
import { InstanceSettingsRepository } from './settings/instance-settings.repository';
import { InstanceSettingsService } from './settings/instance-settings.service';
import { SettingsController } from './settings/settings.controller';
import { PasswordResetToken } from './auth/entities/password-reset-token.entity';
import { PasswordResetTokenRepository } from './auth/password-reset-token.repository';
import { PasswordResetService } from './auth/password-reset.service';
import { RegistrationService } from './auth/registration.service';

/**
 * Users, domains, roles, memberships, API tokens, audit and the request pipeline guards.
 * One module because these reference each other tightly; each keeps its own folder.
 * Guards run in this order: rate limit → who → which domain → may they.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Domain, Role, Membership, ApiToken, RefreshToken, AuditLog, InstanceSettings, PasswordResetToken]),
    RedisModule,
    ThrottlerModule.forRootAsync({
      inject: [RateLimitStore, APP_CONFIG],
      useFactory: (store: RateLimitStore, config: AppConfig) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
        storage: new CountersThrottlerStorage(store),
      }),
    }),
  ],
  controllers: [AuthController, UserController, DomainController, RoleController, MembershipController, ApiTokenController, AuditLogController, AdminAuditLogController, SettingsController],
  providers: [
    RateLimitStore,
    TokenService,
    RefreshTokenRepository,
    JwtStrategy,
    ApiTokenStrategy,
    AuthService,
    PrivilegePolicy,
    DomainAccessService,
    UserRepository,
    UserService,
    DomainRepository,
    DomainService,
    RoleRepository,
    RoleService,
    MembershipRepository,
    MembershipService,
    MemberPermissionsService,
    ApiTokenRepository,
    ApiTokenService,
    AuditLogRepository,
    AuditService,
    InstanceSettingsRepository,
    InstanceSettingsService,
    PasswordResetTokenRepository,
    PasswordResetService,
    RegistrationService,
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: DomainGuard },
    { provide: APP_GUARD, useClass: PermissionGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  // Services only: other modules never reach these tables through their repositories.
  exports: [
    RateLimitStore,
    TokenService,
    DomainAccessService,
    AuthService,
    DomainService,
    UserService,
    MembershipService,
    MemberPermissionsService,
    ApiTokenService,
    RoleService,
    AuditService,
    InstanceSettingsService,
    RegistrationService,
    PasswordResetService,
  ],
})
export class IdentityModule {}
