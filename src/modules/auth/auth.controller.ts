import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { ApiEmptyEnvelope, ApiEnvelope } from '../../core/openapi/envelope-schema';
import { Public } from '../../core/http/public.decorator';
import { APP_CONFIG, AppConfig, servedOverHttps } from '../../core/config/app-config';
import { ClientIp, CurrentAuth, CurrentPrincipal, DomainOptional, Principal, RequestAuth, SessionOnly } from './auth-context';
import { AuthService } from './auth.service';
import { DOMAIN_COOKIE } from './domain.guard';
import {
  BootstrapDTO,
  BootstrapStatusDTO,
  LoginDTO,
  LoginOutputDTO,
  LogoutDTO,
  MeOutputDTO,
  MfaCodeDTO,
  MfaConfirmOutputDTO,
  MfaEnrollOutputDTO,
  MfaStatusOutputDTO,
  MfaVerifyDTO,
  PermissionOutputDTO,
  RefreshDTO,
  SelectedDomainOutputDTO,
} from './dto/auth.dto';
import { SessionOutputDTO } from './dto/session.dto';
import { ForgotPasswordDTO, ForgotPasswordOutputDTO, RegisterDTO, ResetPasswordDTO } from './dto/account.dto';
import { PERMISSIONS } from './permissions';
import { FORGOT_PASSWORD_REPLY, PasswordResetService } from './password-reset.service';
import { RegistrationService } from './registration.service';
import { UserOutputDTO } from '../user/dto/user.dto';

const AUTH_THROTTLE = { default: { limit: 20, ttl: 60_000 } };

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
    private readonly passwordReset: PasswordResetService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('auth/bootstrap/status')
  @Public()
  @ApiEnvelope(BootstrapStatusDTO)
  async bootstrapStatus(): Promise<BootstrapStatusDTO> {
    return { needed: await this.auth.bootstrapNeeded() };
  }

  @Post('auth/bootstrap')
  @Public()
  @Throttle(AUTH_THROTTLE)
  @ApiEnvelope(LoginOutputDTO, { status: 201 })
  bootstrap(@Body() body: BootstrapDTO, @ClientIp() ip: string) {
    return this.auth.bootstrap(body, ip);
  }

  /** Self-registration, when an instance administrator allows it (GET /settings says); the account has no domain yet. */
  @Post('auth/register')
  @Public()
  @Throttle(AUTH_THROTTLE)
  @ApiEnvelope(UserOutputDTO, { status: 201 })
  register(@Body() body: RegisterDTO, @ClientIp() ip: string) {
    return this.registration.register(body, ip);
  }

  /** Always the same 202, whether or not the email has an account; the email (if any) is sent afterwards. */
  @Post('auth/forgot-password')
  @Public()
  @HttpCode(202)
  @Throttle(AUTH_THROTTLE)
  @ApiEnvelope(ForgotPasswordOutputDTO, { status: 202 })
  forgotPassword(@Body() body: ForgotPasswordDTO, @ClientIp() ip: string): ForgotPasswordOutputDTO {
    this.passwordReset.request(body.email, ip);
    return { message: FORGOT_PASSWORD_REPLY };
  }

  /** Sets a new password with the emailed token (once); every session of the account ends. */
  @Post('auth/reset-password')
  @Public()
  @HttpCode(200)
  @Throttle(AUTH_THROTTLE)
  @ApiEmptyEnvelope()
  async resetPassword(@Body() body: ResetPasswordDTO, @ClientIp() ip: string) {
    await this.passwordReset.reset(body.token, body.newPassword, ip);
    return null;
  }

  /** Takaro-compatible: `{ username, password }` → `{ data: { token } }`. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiEnvelope(LoginOutputDTO)
  login(@Body() body: LoginDTO, @ClientIp() ip: string) {
    return this.auth.login(body.username, body.password, ip);
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @Throttle(AUTH_THROTTLE)
  @ApiEnvelope(LoginOutputDTO)
  refresh(@Body() body: RefreshDTO) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/mfa/verify')
  @Public()
  @HttpCode(200)
  @Throttle(AUTH_THROTTLE)
  @ApiEnvelope(LoginOutputDTO)
  verifyMfa(@Body() body: MfaVerifyDTO) {
    return this.auth.verifyMfaLogin(body.challengeToken, body.code);
  }

  @Post('logout')
  @ApiBearerAuth()
  @DomainOptional()
  @SessionOnly()
  @HttpCode(200)
  @ApiEmptyEnvelope()
  async logout(@CurrentPrincipal() principal: Principal, @Body() body: LogoutDTO, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.logout(principal, body?.refreshToken);
    void reply.clearCookie(DOMAIN_COOKIE, { path: '/' });
    return null;
  }

  @Get('me')
  @ApiBearerAuth()
  @DomainOptional()
  @ApiEnvelope(MeOutputDTO)
  me(@CurrentAuth() auth: RequestAuth) {
    return this.auth.me(auth);
  }

  /** My signed-in sessions (browsers, scripts using a login); API tokens are listed under /apitoken. */
  @Get('me/sessions')
  @ApiBearerAuth()
  @DomainOptional()
  @SessionOnly()
  @ApiEnvelope(SessionOutputDTO, { isArray: true })
  sessions(@CurrentPrincipal() principal: Principal) {
    return this.auth.sessions(principal);
  }

  /** Ends one of my sessions (ending the current one is logging out). */
  @Delete('me/sessions/:id')
  @ApiBearerAuth()
  @DomainOptional()
  @SessionOnly()
  @ApiEmptyEnvelope()
  async endSession(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.auth.endSession(principal, id);
    return null;
  }

  /** Sets the dashboard's domain cookie after checking membership. */
  @Post('selected-domain/:domainId')
  @ApiBearerAuth()
  @DomainOptional()
  @HttpCode(200)
  @ApiEnvelope(SelectedDomainOutputDTO)
  async selectDomain(@CurrentAuth() auth: RequestAuth, @Param('domainId', ParseUUIDPipe) domainId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const id = await this.auth.assertSelectable(auth, domainId);
    // Secure whenever browsers reach us over https (PUBLIC_URL); a plain-http install could not send it back otherwise.
    void reply.setCookie(DOMAIN_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure: servedOverHttps(this.config), maxAge: 365 * 24 * 3600 });
    return { domain: id };
  }

  @Get('permissions')
  @ApiBearerAuth()
  @DomainOptional()
  @ApiEnvelope(PermissionOutputDTO, { isArray: true })
  permissions(): PermissionOutputDTO[] {
    return Object.entries(PERMISSIONS).map(([key, description]) => ({ key, description }));
  }

  @Get('auth/mfa/status')
  @ApiBearerAuth()
  @DomainOptional()
  @ApiEnvelope(MfaStatusOutputDTO)
  mfaStatus(@CurrentPrincipal() principal: Principal) {
    return this.auth.mfaStatus(principal.userId);
  }

  @Post('auth/mfa/enroll')
  @ApiBearerAuth()
  @DomainOptional()
  @SessionOnly()
  @HttpCode(200)
  @ApiEnvelope(MfaEnrollOutputDTO)
  mfaEnroll(@CurrentPrincipal() principal: Principal) {
    return this.auth.mfaEnroll(principal.userId);
  }

  @Post('auth/mfa/confirm')
  @ApiBearerAuth()
  @DomainOptional()
  @SessionOnly()
  @HttpCode(200)
  @ApiEnvelope(MfaConfirmOutputDTO)
  mfaConfirm(@CurrentPrincipal() principal: Principal, @Body() body: MfaCodeDTO) {
    return this.auth.mfaConfirm(principal.userId, body.code);
  }

  @Post('auth/mfa/disable')
  @ApiBearerAuth()
  @DomainOptional()
  @SessionOnly()
  @HttpCode(200)
  @ApiEnvelope(MfaStatusOutputDTO)
  mfaDisable(@CurrentPrincipal() principal: Principal, @Body() body: MfaCodeDTO) {
    return this.auth.mfaDisable(principal.userId, body.code);
  }
}
