import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Outgoing mail (instance SMTP_URL or a domain's own server); global so any module can send. */
@Global()
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
