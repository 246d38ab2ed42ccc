import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '../../../core/http/public.decorator';
import { ClientIp, CurrentPrincipal, DomainOptional, Principal, SessionOnly } from '../../auth/auth-context';
import { AuthService } from '../../auth/auth.service';
import { FORGOT_PASSWORD_REPLY, PasswordResetService } from '../../auth/password-reset.service';
import { RegistrationService } from '../../auth/registration.service';
import { V1ForgotPasswordInputDTO, V1RegisterInputDTO, V1ResetPasswordInputDTO } from './v1-auth.dto';
import {
  V1BootstrapDTO,
  V1BootstrapInputDTO,
  V1BootstrapStatusDTO,
  V1LoginDTO,
  V1LoginInputDTO,
  V1MfaChallengeDTO,
  V1MfaChallengeInputDTO,
  V1MfaCodeInputDTO,
  V1MfaEnrollDTO,
  V1MfaStatusDTO,
  V1MessageDTO,
  V1MfaVerifiedDTO,
  V1RefreshInputDTO,
  V1UserDTO,
} from './v1.dto';
import { V1Controller, V1OneOf, V1Reply } from './v1.decorators';
import { toLoginReply, toUser, usernameFromEmail } from './v1.mapping';

/** Token routes (refresh, bootstrap): 20 a minute per client, as Outpost's own /auth routes. */
const AUTH_THROTTLE = { default: { limit: 20, ttl: 60_000 } };
/** Seed 001: "MFA endpoints are rate limited to 5 attempts per minute" (per client; AuthService also limits per account). */
const MFA_THROTTLE = { default: { limit: 5, ttl: 60_000 } };

/** Seed 001's Auth and MFA endpoints over AuthService. Login takes an email (a username works too). */
@V1Controller()
@Controller('v1/auth')
export class V1AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Authenticate: tokens, or { mfa_required, challenge_token } when the account has MFA' })
  @V1OneOf([V1LoginDTO, V1MfaChallengeDTO])
  async login(@Body() body: V1LoginInputDTO, @ClientIp() ip: string) {
    return toLoginReply(await this.auth.login(body.email, body.password, ip));
  }

  @Post('register')
  @Public()
  @Throttle(AUTH_THROTTLE)
  @ApiOperation({ summary: 'Self-registration, when an instance administrator allows it (403 otherwise); the account has no organization yet' })
  @V1Reply(V1UserDTO, { status: 201 })
  async register(@Body() body: V1RegisterInputDTO, @ClientIp() ip: string): Promise<V1UserDTO> {
    return toUser(await this.registration.register({ email: body.email, password: body.password, username: body.username ?? usernameFromEmail(body.email) }, ip));
  }

  /** The same 202 and sentence for every email (no account enumeration); the email, if any, is sent afterwards. */
  @Post('forgot-password')
  @Public()
  @HttpCode(202)
  @Throttle(AUTH_THROTTLE)
  @ApiOperation({ summary: 'Emails a password-reset link when the email has an account; the reply is always the same' })
  @V1Reply(V1MessageDTO, { status: 202 })
  forgotPassword(@Body() body: V1ForgotPasswordInputDTO, @ClientIp() ip: string): V1MessageDTO {
    this.passwordReset.request(body.email, ip);
    return { message: FORGOT_PASSWORD_REPLY };
  }

  @Post('reset-password')
  @Public()
  @HttpCode(200)
  @Throttle(AUTH_THROTTLE)
  @ApiOperation({ summary: 'Sets a new password with the emailed token (once); every session of the account ends' })
  @V1Reply(V1MessageDTO)
  async resetPassword(@Body() body: V1ResetPasswordInputDTO, @ClientIp() ip: string): Promise<V1MessageDTO> {
    await this.passwordReset.reset(body.token, body.new_password, ip);
    return { message: 'Password reset; sign in with the new password' };
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @Throttle(AUTH_THROTTLE)
  @ApiOperation({ summary: 'A new access token and refresh token (the refresh token is spent)' })
  @V1Reply(V1LoginDTO)
  async refresh(@Body() body: V1RefreshInputDTO) {
    return toLoginReply(await this.auth.refresh(body.refresh_token));
  }

  @Get('bootstrap/status')
  @Public()
  @ApiOperation({ summary: 'Whether the instance still needs its first admin' })
  @V1Reply(V1BootstrapStatusDTO)
  async bootstrapStatus(): Promise<V1BootstrapStatusDTO> {
    return { needs_bootstrap: await this.auth.bootstrapNeeded() };
  }

  @Post('bootstrap')
  @Public()
  @Throttle(AUTH_THROTTLE)
  @ApiOperation({ summary: 'Creates the first admin (instance administrator) and the first organization; 409 once set up' })
  @V1Reply(V1BootstrapDTO, { status: 201 })
  async bootstrap(@Body() body: V1BootstrapInputDTO, @ClientIp() ip: string): Promise<V1BootstrapDTO> {
    const out = await this.auth.bootstrap(
      { email: body.email, password: body.password, username: body.username ?? usernameFromEmail(body.email), domainName: body.organization_name ?? 'Default' },
      ip,
    );
    return { ...(toLoginReply(out) as V1LoginDTO), organization_id: out.domainId };
  }

  @Get('mfa/status')
  @ApiBearerAuth()
  @DomainOptional()
  @ApiOperation({ summary: 'Whether MFA is enabled for the caller' })
  @V1Reply(V1MfaStatusDTO)
  mfaStatus(@CurrentPrincipal() principal: Principal): Promise<V1MfaStatusDTO> {
    return this.auth.mfaStatus(principal.userId);
  }

  @Post('mfa/enroll')
  @ApiBearerAuth()
  @DomainOptional()
  @SessionOnly()
  @HttpCode(200)
  @ApiOperation({ summary: 'Starts enrolment: a TOTP secret and its otpauth URI (confirm with /v1/auth/mfa/verify)' })
  @V1Reply(V1MfaEnrollDTO)
  async mfaEnroll(@CurrentPrincipal() principal: Principal): Promise<V1MfaEnrollDTO> {
    const out = await this.auth.mfaEnroll(principal.userId);
    return { secret: out.secret, otpauth_uri: out.otpauthUri };
  }

  @Post('mfa/verify')
  @ApiBearerAuth()
  @DomainOptional()
  @SessionOnly()
  @HttpCode(200)
  @Throttle(MFA_THROTTLE)
  @ApiOperation({ summary: 'Confirms enrolment with a TOTP code; MFA is on from now (recovery codes shown once)' })
  @V1Reply(V1MfaVerifiedDTO)
  async mfaVerify(@CurrentPrincipal() principal: Principal, @Body() body: V1MfaCodeInputDTO): Promise<V1MfaVerifiedDTO> {
    const out = await this.auth.mfaConfirm(principal.userId, body.code);
    return { enabled: out.enabled, recovery_codes: out.recoveryCodes };
  }

  @Post('mfa/disable')
  @ApiBearerAuth()
  @DomainOptional()
  @SessionOnly()
  @HttpCode(200)
  @Throttle(MFA_THROTTLE)
  @ApiOperation({ summary: 'Turns MFA off (needs a TOTP or recovery code)' })
  @V1Reply(V1MfaStatusDTO)
  mfaDisable(@CurrentPrincipal() principal: Principal, @Body() body: V1MfaCodeInputDTO): Promise<V1MfaStatusDTO> {
    return this.auth.mfaDisable(principal.userId, body.code);
  }

  @Post('mfa/challenge')
  @Public()
  @HttpCode(200)
  @Throttle(MFA_THROTTLE)
  @ApiOperation({ summary: 'Completes a login that answered mfa_required: the challenge token and a TOTP (or recovery) code → the login reply' })
  @V1Reply(V1LoginDTO)
  async mfaChallenge(@Body() body: V1MfaChallengeInputDTO) {
    return toLoginReply(await this.auth.verifyMfaLogin(body.challenge_token, body.code));
  }
}
