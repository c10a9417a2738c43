/**
 * The JQL the adapters send, and nothing more: `field = value` for project and labels,
 * `>=`/`>`/`<=`/`<` on updated and created with "yyyy-MM-dd HH:mm" (or yyyy/MM/dd, with
 * or without the time) read in the user's time zone, joined by AND, then ORDER BY on
 * created/updated/key. Anything else throws JqlError so the fake can fail loudly.
 */
export class JqlError extends Error {}

export type JqlClause =
  | { field: 'project' | 'labels'; op: '='; value: string }
  | { field: 'updated' | 'created'; op: '>=' | '>' | '<=' | '<'; at: Date };

export interface JqlQuery {
  clauses: JqlClause[];
  orderBy: Array<{ field: 'created' | 'updated' | 'key'; direction: 'ASC' | 'DESC' }>;
}

type Token = { kind: 'word' | 'string' | 'op' | 'comma'; text: string };

export function parseJql(jql: string, timeZone: string): JqlQuery {
  const tokens = tokenize(jql);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (!t) throw new JqlError(`unexpected end of JQL: ${jql}`);
    return t;
  };
  const isWord = (t: Token | undefined, word: string) => t?.kind === 'word' && t.text.toUpperCase() === word;

  const clauses: JqlClause[] = [];
  if (peek() && !isWord(peek(), 'ORDER')) {
    clauses.push(parseClause(next, timeZone));
    while (isWord(peek(), 'AND')) {
      i++;
      clauses.push(parseClause(next, timeZone));
    }
  }
  const orderBy: JqlQuery['orderBy'] = [];
  if (isWord(peek(), 'ORDER')) {
    i++;
    if (!isWord(next(), 'BY')) throw new JqlError('expected BY after ORDER');
    do {
      if (peek()?.kind === 'comma') i++;
      const field = next().text.toLowerCase();
      if (field !== 'created' && field !== 'updated' && field !== 'key')
        throw new JqlError(`unsupported ORDER BY field "${field}"`);
      const direction =
        isWord(peek(), 'ASC') || isWord(peek(), 'DESC') ? (next().text.toUpperCase() as 'ASC' | 'DESC') : 'ASC';
      orderBy.push({ field, direction });
    } while (peek()?.kind === 'comma');
  }
  if (peek()) throw new JqlError(`unsupported JQL near "${peek().text}" in: ${jql}`);
  return { clauses, orderBy };
}

function parseClause(next: () => Token, timeZone: string): JqlClause {
  const field = next();
  if (field.kind !== 'word') throw new JqlError(`expected a field, got "${field.text}"`);
  const name = field.text.toLowerCase();
  const op = next();
  if (op.kind !== 'op') throw new JqlError(`unsupported operator "${op.text}" after ${name}`);
  const value = next();
  if (value.kind !== 'word' && value.kind !== 'string') throw new JqlError(`expected a value after ${name} ${op.text}`);
  if ((name === 'project' || name === 'labels') && op.text === '=') return { field: name, op: '=', value: value.text };
  if ((name === 'updated' || name === 'created') && op.text !== '=') {
    return { field: name, op: op.text as '>=' | '>' | '<=' | '<', at: parseJqlDate(value.text, timeZone) };
  }
  throw new JqlError(`unsupported clause ${name} ${op.text} ${value.text}`);
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|(>=|<=|!=|[=<>~])|(,)|([A-Za-z0-9_.-]+)|(\S))/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < jql.length && (m = re.exec(jql))) {
    if (m[1] !== undefined) tokens.push({ kind: 'string', text: m[1].replace(/\\(.)/g, '$1') });
    else if (m[2]) tokens.push({ kind: 'op', text: m[2] });
    else if (m[3]) tokens.push({ kind: 'comma', text: ',' });
    else if (m[4]) tokens.push({ kind: 'word', text: m[4] });
    else if (m[5]) throw new JqlError(`unsupported character "${m[5]}" in JQL: ${jql}`);
    else break;
  }
  return tokens;
}

/** Jira reads date literals as wall time in the searching user's profile time zone. */
export function parseJqlDate(text: string, timeZone: string): Date {
  const m = text.match(/^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/);
  if (!m)
    throw new JqlError(
      `Date value '${text}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'`,
    );
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset even across a DST change.
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone);
  return new Date(utc);
}

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) -
    Math.floor(utcMs / 1000) * 1000
  );
}
