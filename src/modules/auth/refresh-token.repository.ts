import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshToken } from './entities/refresh-token.entity';

/** Sessions belong to users, not domains: instance-wide. */
@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectRepository(RefreshToken) private readonly repo: Repository<RefreshToken>) {}

  async insert(values: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.repo.insert(values);
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.repo.findOne({ where: { tokenHash } });
  }

  /** Marks the token used unless someone else already did; false when we lost that race. */
  async claim(id: string): Promise<boolean> {
    const r = await this.repo.update({ id, usedAt: IsNull() }, { usedAt: new Date() });
    return (r.affected ?? 0) > 0;
  }

  /** Revocation marks every row of the family, so one revoked row means the session is over. */
  async isFamilyRevoked(familyId: string): Promise<boolean> {
    const rows = await this.repo.query<unknown[]>('SELECT 1 FROM refresh_token WHERE "familyId" = $1 AND "revokedAt" IS NOT NULL LIMIT 1', [familyId]);
    return rows.length > 0;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.repo.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** The user's sessions that can still refresh: one row per family, oldest sign-in first. */
  async liveSessionsOf(userId: string): Promise<Array<{ id: string; createdAt: Date; lastUsedAt: Date; expiresAt: Date }>> {
    return this.repo.query(
      `SELECT "familyId" AS id, min("createdAt") AS "createdAt", max("createdAt") AS "lastUsedAt", max("expiresAt") AS "expiresAt"
         FROM refresh_token WHERE "userId" = $1
        GROUP BY "familyId"
       HAVING bool_and("revokedAt" IS NULL) AND max("expiresAt") > now()
        ORDER BY min("createdAt")`,
      [userId],
    );
  }

  /** Revokes the session when it is this user's and still live; false otherwise (someone else's reads as unknown). */
  async revokeFamilyOf(userId: string, familyId: string): Promise<boolean> {
    const r = await this.repo.update({ userId, familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (r.affected ?? 0) > 0;
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.repo.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
