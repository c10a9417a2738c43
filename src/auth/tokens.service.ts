import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { notFound } from '../common/domain-errors.js';
import type { Actor, Role } from '../common/roles.js';
import { ApiToken } from './api-token.entity.js';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const view = (t: ApiToken): TokenView => ({
  id: t.id,
  name: t.name,
  role: t.role,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

@Injectable()
export class TokensService {
  private readonly logger = new Logger('TokensService');

  constructor(
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly audit: AuditService,
  ) {}

  /** 32 random bytes, base64url, with a prefix that secret scanners can recognise. */
  static generate(): string {
    return `rmt_${randomBytes(32).toString('base64url')}`;
  }

  async create(
    name: string,
    role: Role,
    actor: Actor,
    value = TokensService.generate(),
  ): Promise<TokenView & { token: string }> {
    const saved = await this.tokens.save(this.tokens.create({ name, role, tokenHash: hashToken(value) }));
    await this.audit.record(actor, 'token.create', 'api_token', saved.id, { name, role });
    return { ...view(saved), token: value };
  }

  async list(): Promise<TokenView[]> {
    return (await this.tokens.find({ order: { createdAt: 'ASC' } })).map(view);
  }

  async revoke(id: string, actor: Actor): Promise<void> {
    const token = await this.tokens.findOneBy({ id });
    if (!token) throw notFound('Token', id);
    if (!token.revokedAt) {
      await this.tokens.update({ id }, { revokedAt: new Date() });
      await this.audit.record(actor, 'token.revoke', 'api_token', id, { name: token.name });
    }
  }

  /** The active token with this value, or null. Touches lastUsedAt at most once a minute. */
  async authenticate(value: string): Promise<ApiToken | null> {
    const token = await this.tokens.findOneBy({ tokenHash: hashToken(value), revokedAt: IsNull() });
    if (token && (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000)) {
      await this.tokens.update({ id: token.id }, { lastUsedAt: new Date() });
    }
    return token;
  }

  /**
   * At first start there is no admin: create one from BOOTSTRAP_ADMIN_TOKEN, or generate
   * one and print it once. Returns the generated token (never the configured one).
   */
  async ensureAdmin(bootstrapToken: string | undefined): Promise<string | null> {
    const admins = await this.tokens.countBy({ role: 'admin', revokedAt: IsNull() });
    if (admins > 0) return null;
    const system: Actor = { tokenId: null, name: 'system', role: 'admin' };
    if (bootstrapToken) {
      const existing = await this.tokens.findOneBy({ tokenHash: hashToken(bootstrapToken) });
      if (existing) await this.tokens.update({ id: existing.id }, { role: 'admin', revokedAt: null });
      else await this.create('bootstrap admin', 'admin', system, bootstrapToken);
      this.logger.log('Created the bootstrap admin token from BOOTSTRAP_ADMIN_TOKEN');
      return null;
    }
    const created = await this.create('first admin', 'admin', system);
    return created.token;
  }
}
