import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../common/domain-errors.js';
import { type AuthedRequest, Public } from '../common/roles.js';
import { SessionDto, SignInDto } from './session.dto.js';
import { SESSION_COOKIE, SESSION_HOURS, SessionsService, sessionSecret } from './sessions.service.js';

const cookieOptions = (req: Request) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  // Behind an HTTPS proxy (X-Forwarded-Proto from loopback, see trust proxy) the cookie is Secure.
  secure: req.secure,
  path: '/',
});

/** Sign-in for the dashboard pages: a token in, an HttpOnly session cookie out. */
@ApiTags('auth')
@Controller('auth/session')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in to the dashboard: exchange an API token for a session cookie' })
  @ApiOkResponse({ type: SessionDto, description: 'Sets the session cookie' })
  async signIn(
    @Body() dto: SignInDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionDto> {
    const session = await this.sessions.signIn(dto.token);
    if (!session) throw new DomainError('UNAUTHORIZED', 'The token is not valid or has been revoked');
    res.cookie(SESSION_COOKIE, session.secret, { ...cookieOptions(req), maxAge: SESSION_HOURS * 3_600_000 });
    return { name: session.token.name, role: session.token.role, expiresAt: session.expiresAt };
  }

  /** Who is signed in (by cookie or bearer token). */
  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who is signed in, by session cookie or bearer token' })
  @ApiOkResponse({ type: SessionDto })
  whoAmI(@Req() req: AuthedRequest): SessionDto {
    return { name: req.actor!.name, role: req.actor!.role, expiresAt: null };
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out of the dashboard' })
  @ApiNoContentResponse({ description: 'Ends the session and clears the cookie' })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const secret = sessionSecret(req.headers.cookie);
    if (secret) await this.sessions.signOut(secret);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
  }
}
