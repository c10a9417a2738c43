import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

// Who is calling and what they may do: the vocabulary every feature's controllers and services
// speak. It sits here, below the features, because audit needs it too and the auth feature (which
// issues tokens and checks them) writes to the audit log.

export const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_RANK: Record<Role, number> = { viewer: 0, editor: 1, approver: 2, admin: 3 };

export const MIN_ROLE_KEY = 'minRole';
export const PUBLIC_KEY = 'public';

/** The least role that may call a route (roles are ordered viewer < editor < approver < admin). */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE_KEY, role);
/** No token needed: health, metrics, signed webhooks. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Who is calling, attached to the request by the guard. */
export interface Actor {
  tokenId: string | null;
  name: string;
  role: Role;
}

export const SYSTEM_ACTOR: Actor = { tokenId: null, name: 'system', role: 'admin' };

export type AuthedRequest = Request & { actor?: Actor };
