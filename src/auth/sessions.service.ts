import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import type { ApiToken } from './api-token.entity.js';
import { hashToken, TokensService } from './tokens.service.js';
import { WebSession } from './web-session.entity.js';

export const SESSION_COOKIE = 'rt_session';
export const SESSION_HOURS = 12;

/** Browser sessions: an API token exchanged for a cookie secret of its own, revoked with the token. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(WebSession) private readonly sessions: Repository<WebSession>,
    private readonly tokens: TokensService,
  ) {}

  /** A new session for a valid token, or null; the secret goes in the cookie, its hash in the table. */
  async signIn(tokenValue: string): Promise<{ secret: string; token: ApiToken; expiresAt: Date } | null> {
    const token = await this.tokens.authenticate(tokenValue);
    if (!token) return null;
    await this.sessions.delete({ expiresAt: LessThan(new Date()) });
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
    await this.sessions.insert({ secretHash: hashToken(secret), tokenId: token.id, expiresAt });
    return { secret, token, expiresAt };
  }

  /** The token a live session acts as: null when unknown, expired or its token was revoked. */
  async authenticate(secret: string): Promise<ApiToken | null> {
    const session = await this.sessions.findOne({
      where: { secretHash: hashToken(secret) },
      relations: { token: true },
    });
    if (!session?.token || session.expiresAt.getTime() <= Date.now() || session.token.revokedAt) return null;
    return session.token;
  }

  async signOut(secret: string): Promise<void> {
    await this.sessions.delete({ secretHash: hashToken(secret) });
  }
}

/** The session secret from a Cookie header, if any. */
export function sessionSecret(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value.length) return decodeURIComponent(value.join('='));
  }
  return null;
}
