import { SetMetadata } from '@nestjs/common';
import type { Role } from './api-token.entity.js';

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
