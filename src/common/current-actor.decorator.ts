import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Actor, type AuthedRequest, SYSTEM_ACTOR } from './roles.js';

export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest<AuthedRequest>().actor ?? SYSTEM_ACTOR,
);
