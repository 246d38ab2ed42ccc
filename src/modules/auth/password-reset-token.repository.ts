import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, MoreThan, Not, Repository } from 'typeorm';
import { PasswordResetToken } from './entities/password-reset-token.entity';

/** Password-reset tokens belong to users, not domains: instance-wide. */
@Injectable()
export class PasswordResetTokenRepository {
  constructor(@InjectRepository(PasswordResetToken) private readonly repo: Repository<PasswordResetToken>) {}

  async insert(values: Pick<PasswordResetToken, 'userId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.repo.insert(values);
  }

  /** The token when it is unused and unexpired; else null (unknown, used and expired read the same). */
  findUsable(tokenHash: string): Promise<PasswordResetToken | null> {
    return this.repo.findOne({ where: { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(new Date()) } });
  }

  /** Spends the token unless it was spent (or ran out) meanwhile; false when another request won. */
  async claim(id: string): Promise<boolean> {
    const r = await this.repo.update({ id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) }, { usedAt: new Date() });
    return (r.affected ?? 0) > 0;
  }

  /** Every outstanding token of the user stops working (after a reset). */
  async spendAllOf(userId: string): Promise<void> {
    await this.repo.update({ userId, usedAt: IsNull() }, { usedAt: new Date() });
  }

  /** Drops the user's tokens that can no longer be used (spent or expired), so rows don't pile up. */
  async deleteDeadOf(userId: string): Promise<void> {
    await this.repo.delete({ userId, usedAt: Not(IsNull()) });
    await this.repo.delete({ userId, expiresAt: LessThan(new Date()) });
  }
}
