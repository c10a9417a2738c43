import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/domain-errors.js';
import { type AuthedRequest, MIN_ROLE_KEY, PUBLIC_KEY, type Role, ROLE_RANK } from '../common/roles.js';
import { SessionsService, sessionSecret } from './sessions.service.js';
import { TokensService } from './tokens.service.js';

const SAFE = new Set(['GET', 'HEAD']);

/**
 * Bearer token (or, for reads, the pages' session cookie) on every route unless @Public();
 * role from @MinRole (default: viewer for reads, editor for writes).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    // The pages' session cookie stands in for the header on reads only: no write rides on a cookie.
    const secret = !req.headers.authorization && SAFE.has(req.method) ? sessionSecret(req.headers.cookie) : null;
    if (!match && !secret) throw new DomainError('UNAUTHORIZED', 'An Authorization: Bearer <token> header is required');
    const token = match
      ? await this.tokens.authenticate(match[1])
      : secret
        ? await this.sessions.authenticate(secret)
        : null;
    if (!token) throw new DomainError('UNAUTHORIZED', 'The token is not valid or has been revoked');
    const needed =
      this.reflector.getAllAndOverride<Role>(MIN_ROLE_KEY, targets) ??
      (req.method === 'GET' || req.method === 'HEAD' ? 'viewer' : 'editor');
    if (ROLE_RANK[token.role] < ROLE_RANK[needed])
      throw new DomainError('FORBIDDEN', `This needs the ${needed} role; the token has ${token.role}`);
    req.actor = { tokenId: token.id, name: token.name, role: token.role };
    return true;
  }
}
