import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../app/context.js';
import { assertPasswordPolicy, hashPassword } from '../../auth/passwords.js';
import { CsvSyntaxError, parseCsv } from '../../common/csv.js';
import { normalizeEmail, normalizeUsername, optionalText } from '../../common/validation.js';
import { AppError } from '../../errors/index.js';
import type { ImportUsersResult } from './accounts.types.js';

export const IMPORT_MAX_LINES = 10_000;
const COLUMNS = ['username', 'password', 'realName', 'email', 'termIndex'] as const;
const HASH_CONCURRENCY = 4;

interface ValidRow {
  readonly line: number;
  readonly username: string;
  readonly password: string;
  readonly realName: string | null;
  readonly email: string | null;
  readonly termIndex: number | null;
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** Resolves `termIndex` values to term ids; supplied by the courses module. */
export interface TermIndexLookup {
  /** Map from index to term id, for the indexes that exist. */
  termIdsByIndex(em: EntityManager, indexes: readonly number[]): Promise<Map<number, string>>;
}

/**
 * ADMIN bulk registration from CSV (`username,password,realName,email,termIndex`).
 * Bad lines are reported as `line N: reason` and skipped; usernames already
 * taken (in the database or earlier in the file) are skipped and counted; all
 * valid lines are created in one transaction.
 */
export class UserImportService {
  constructor(private readonly terms: TermIndexLookup) {}

  async importUsers(ctx: RequestContext, csv: string): Promise<ImportUsersResult> {
    let records;
    try {
      records = parseCsv(csv);
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw AppError.badInput('csv', err.message);
      throw err;
    }
    const [header, ...rows] = records;
    if (!header) throw AppError.badInput('csv', 'The file is empty');
    const names = header.fields.map((f) => f.trim().toLowerCase());
    const index = Object.fromEntries(
      COLUMNS.map((c) => [c, names.indexOf(c.toLowerCase())]),
    ) as Record<(typeof COLUMNS)[number], number>;
    if (index.username < 0 || index.password < 0) {
      throw AppError.badInput('csv', `The header must be ${COLUMNS.join(',')}`);
    }
    if (rows.length > IMPORT_MAX_LINES) {
      throw AppError.badInput(
        'csv',
        `At most ${IMPORT_MAX_LINES} lines per import (got ${rows.length})`,
      );
    }

    const errors: string[] = [];
    const valid: ValidRow[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (const { line, fields } of rows) {
      const get = (column: (typeof COLUMNS)[number]) =>
        index[column] >= 0 ? (fields[index[column]] ?? '') : '';
      try {
        if (fields.length !== header.fields.length)
          throw AppError.badInput(
            'csv',
            `expected ${header.fields.length} fields, got ${fields.length}`,
          );
        const username = normalizeUsername(get('username'));
        const password = get('password');
        assertPasswordPolicy(password);
        const realName = optionalText(get('realName'), 'realName', 50);
        const email = get('email').trim() ? normalizeEmail(get('email')) : null;
        const termText = get('termIndex').trim();
        if (termText && !/^[1-9]\d{0,3}$/.test(termText)) {
          throw AppError.badInput('termIndex', 'termIndex must be a whole number from 1 to 9999');
        }
        const termIndex = termText ? Number(termText) : null;
        const key = username.toLowerCase();
        if (seen.has(key)) {
          skipped++;
          continue;
        }
        seen.add(key);
        valid.push({ line, username, password, realName, email, termIndex });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        errors.push(`line ${line}: ${err.message}`);
      }
    }

    const existing = new Set<string>();
    for (let start = 0; start < valid.length; start += 1000) {
      const names = valid.slice(start, start + 1000).map((r) => r.username.toLowerCase());
      const rows = await ctx.em.execute<{ name: string }[]>(
        'select lower(username) as name from app_user where lower(username) in (?)',
        [names],
      );
      for (const row of rows) existing.add(row.name);
    }
    const fresh = valid.filter((r) => !existing.has(r.username.toLowerCase()));
    skipped += valid.length - fresh.length;

    const termIds = await this.terms.termIdsByIndex(ctx.em, [
      ...new Set(fresh.flatMap((r) => (r.termIndex === null ? [] : [r.termIndex]))),
    ]);
    const creatable = fresh.filter((r) => {
      if (r.termIndex === null || termIds.has(r.termIndex)) return true;
      errors.push(`line ${r.line}: no term with index ${r.termIndex}`);
      return false;
    });
    errors.sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));

    const hashes = await mapLimited(creatable, HASH_CONCURRENCY, (r) => hashPassword(r.password));
    const created = await ctx.em.transactional(async (em) => {
      let count = 0;
      for (let start = 0; start < creatable.length; start += 500) {
        const batch = creatable.slice(start, start + 500);
        const values = batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
        const params = batch.flatMap((r, i) => [
          r.username,
          hashes[start + i],
          r.realName ?? r.username,
          r.realName,
          r.email,
          r.termIndex === null ? null : termIds.get(r.termIndex)!,
        ]);
        const inserted = await em.execute<{ id: string }[]>(
          `insert into app_user (username, password_hash, nickname, real_name, email, term_id)
           values ${values} on conflict (lower(username)) do nothing returning id`,
          params,
        );
        count += inserted.length;
      }
      return count;
    });
    skipped += creatable.length - created;
    return { created, skipped, errors };
  }
}
