import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { checkOutboundHost, outboundPolicy } from '../net/outbound';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

/** A per-domain SMTP server, e.g. an alert channel's own. */
export interface SmtpSettings {
  /** smtp(s)://user:pass@host:port */
  url: string;
  from: string;
}

export interface MailResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** A dead or silent SMTP server must not hold a request (invite, alert) for minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 } as const;

/** At most this many recipients per message (invites send one; alert channels a handful). */
const MAX_RECIPIENTS = 50;

/** Nodemailer's error fields that say what went wrong without carrying credentials. */
interface SmtpFailure {
  code?: string;
  response?: string;
  responseCode?: number;
  message?: string;
}

/** Never echo `user:pass@` back, whatever an error message happens to contain. */
function withoutCredentials(text: string): string {
  return text.replace(/(smtps?:\/\/)[^@\s/]*@/gi, '$1');
}

function addressText(address: string | { address: string }): string {
  return typeof address === 'string' ? address : address.address;
}

/**
 * Outgoing mail: one pooled transport for the instance SMTP server (SMTP_URL), made on first
 * use, and a throw-away transport per call for a domain's own server, whose host passes the
 * outbound guard first (a tenant-supplied host must not reach the instance's private network).
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private instanceTransport: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The instance SMTP server is set (SMTP_URL). */
  get configured(): boolean {
    return Boolean(this.config.SMTP_URL);
  }

  async send(message: MailMessage, smtp?: SmtpSettings): Promise<MailResult> {
    if (!message.to.length || message.to.length > MAX_RECIPIENTS) throw AppError.badRequest(`A message needs 1 to ${MAX_RECIPIENTS} recipients`);
    if (!smtp && !this.config.SMTP_URL) throw AppError.unavailable('Email is not configured on this instance (SMTP_URL is not set)');
    const mail = {
      from: smtp ? smtp.from : this.config.SMTP_FROM,
      to: message.to,
      // A header must stay one line whatever a caller passes.
      subject: message.subject.replace(/[\r\n]+/g, ' '),
      text: message.text,
      html: message.html,
    };
    const transport = smtp ? await this.domainTransport(smtp) : this.pooled();
    try {
      const info = (await transport.sendMail(mail)) as { messageId: string; accepted: (string | { address: string })[]; rejected: (string | { address: string })[] };
      return { messageId: info.messageId, accepted: info.accepted.map(addressText), rejected: info.rejected.map(addressText) };
    } catch (err) {
      const failure = err as SmtpFailure;
      const answer = withoutCredentials(failure.response ?? failure.message ?? 'no answer');
      this.logger.warn({ code: failure.code, responseCode: failure.responseCode }, `Mail not sent: ${answer}`);
      throw new AppError(ErrorCode.BadGatewayError, `The mail server did not accept the message: ${answer}`, { code: failure.code ?? null, responseCode: failure.responseCode ?? null });
    } finally {
      if (smtp) transport.close();
    }
  }

  onModuleDestroy(): void {
    this.instanceTransport?.close();
    this.instanceTransport = null;
  }

  private pooled(): Transporter {
    // The instance server is the operator's own setting: trusted, not passed through the outbound guard.
    this.instanceTransport ??= createTransport({ url: this.config.SMTP_URL, pool: true, maxConnections: 3, ...TIMEOUTS });
    return this.instanceTransport;
  }

  private async domainTransport(smtp: SmtpSettings): Promise<Transporter> {
    let url: URL;
    try {
      url = new URL(smtp.url);
    } catch {
      throw AppError.badRequest('The SMTP URL is not a valid URL');
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw AppError.badRequest('The SMTP URL must start with smtp:// or smtps://');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = await checkOutboundHost(host, outboundPolicy(this.config));
    const secure = url.protocol === 'smtps:';
    return createTransport({
      // Connect to the address that was checked (no second DNS lookup); TLS still verifies the name.
      host: addresses[0],
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      tls: { servername: host },
      ...TIMEOUTS,
    });
  }
}
