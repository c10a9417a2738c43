/** The pages call only the public API, with the session cookie (same origin). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    ...init,
  });
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  if (!res.ok) throw new ApiError(res.status, body.message ?? res.statusText);
  return body as T;
}

export const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface Team {
  id: string;
  name: string;
}
export interface Person {
  id: string;
  name: string;
  teamId: string | null;
}
export interface Finding {
  rule: string;
  severity: string;
  message: string;
}
export interface ActionItem {
  id: string;
  postmortemId: string;
  title: string;
  ownerId: string;
  dueDate: string;
  priority: string;
  status: string;
  closedAt: string | null;
  ticket: { key: string | null; number: number | null; url: string | null; state: string | null } | null;
  qualityFindings: Finding[];
  createdAt: string;
}

let teams: Promise<Team[]> | null = null;
/** Teams, fetched once; a failed fetch (signed out) is not remembered. */
export const loadTeams = () =>
  (teams ??= api<Page<Team>>('/teams?limit=200').then(
    (p) => p.items,
    (err: unknown) => {
      teams = null;
      throw err;
    },
  ));

const people = new Map<string, Promise<Person | null>>();
/** Owners by id, each fetched once per page load. */
export function person(id: string): Promise<Person | null> {
  let p = people.get(id);
  if (!p) {
    p = api<Person>(`/people/${id}`).catch(() => null);
    people.set(id, p);
  }
  return p;
}
