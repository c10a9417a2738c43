import { isTimestamp, type KeysetOrder } from '../common/pagination.js';
import { ITEM_STATUSES, PRIORITIES, type ActionItem } from './action-item.entity.js';

/** The `sort` values of the items list: a field, ascending, or with `-` descending. */
const FIELDS = ['createdAt', 'updatedAt', 'dueDate', 'priority', 'status', 'title'] as const;
export const ITEM_SORTS = FIELDS.flatMap((f) => [f, `-${f}`] as const);
export type ItemSort = (typeof ITEM_SORTS)[number];

/** Rank of a value in a list, as SQL: priority most urgent first, status in lifecycle order. */
const rankSql = (column: string, values: readonly string[]) =>
  `(CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END)`;
const isRank = (n: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < n;

type Key = Omit<KeysetOrder<ActionItem>, 'name' | 'dir'>;
const KEYS: Record<(typeof FIELDS)[number], Key> = {
  createdAt: { key: (a) => `${a}.createdAt`, value: (i) => i.createdAt.toISOString(), accepts: isTimestamp },
  updatedAt: { key: (a) => `${a}.updatedAt`, value: (i) => i.updatedAt.toISOString(), accepts: isTimestamp },
  dueDate: {
    key: (a) => `${a}.dueDate`,
    value: (i) => i.dueDate,
    accepts: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  },
  priority: {
    key: (a) => rankSql(`${a}.priority`, PRIORITIES),
    value: (i) => PRIORITIES.indexOf(i.priority),
    accepts: isRank(PRIORITIES.length),
  },
  status: {
    key: (a) => rankSql(`${a}.status`, ITEM_STATUSES),
    value: (i) => ITEM_STATUSES.indexOf(i.status),
    accepts: isRank(ITEM_STATUSES.length),
  },
  title: { key: (a) => `${a}.title`, value: (i) => i.title, accepts: (v) => typeof v === 'string' },
};

/** The keyset order of a `sort` value; none is creation order, oldest first (as the list always paged). */
export function itemOrder(sort: ItemSort = 'createdAt'): KeysetOrder<ActionItem> {
  const desc = sort.startsWith('-');
  const field = (desc ? sort.slice(1) : sort) as (typeof FIELDS)[number];
  return { name: sort, dir: desc ? 'DESC' : 'ASC', ...KEYS[field] };
}
