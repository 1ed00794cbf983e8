import { once } from 'node:events';
import { Router, type Response } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import Cursor from 'pg-cursor';
import type { Authenticator } from '../../app/services.js';
import { Role } from '../../auth/viewer.js';
import { parseId } from '../../db/ids.js';
import type { Logger } from '../../infra/index.js';

const HEADER = [
  '学期 term',
  '阶段 period',
  '课程 course',
  '星期 weekday',
  '时间 time',
  '教师 teacher',
  '地点 location',
  '学号 username',
  '姓名 real name',
  '班级 class',
  '专业 major',
  '学院 college',
  '电话 phone',
  '邮箱 email',
  '选课时间 enrolled at (UTC)',
];

const ROSTER_SQL = `
  select t.index as term_index, p.index as period_index, c.title, c.weekday,
         to_char(c.starts_at, 'HH24:MI') || '-' || to_char(c.ends_at, 'HH24:MI') as time,
         c.teacher, c.location, u.username, u.real_name, u.class_name, u.major, u.college, u.phone, u.email,
         to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as enrolled_at
  from enrollment e
  join course c on c.id = e.course_id
  join period p on p.id = c.period_id
  join term t on t.id = p.term_id
  join app_user u on u.id = e.student_id
  where t.id = $1
  order by p.index, c.weekday, c.starts_at, c.id, u.username, e.id`;

/** One CSV field: quoted when needed; cells a spreadsheet would run as a formula are neutralised. */
export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function refuse(res: Response, status: number, message: string): void {
  if (status === 401) res.set('www-authenticate', 'Bearer');
  res.status(status).json({ error: message });
}

/**
 * `GET /exports/enrollments.csv?termId=…`: the term's roster for ADMINs (Bearer
 * token), as UTF-8 CSV with a BOM so Excel opens it, streamed from PostgreSQL
 * through a cursor (500 rows at a time, respecting back-pressure).
 */
export function enrollmentExportRouter(
  orm: MikroORM,
  authenticator: Authenticator,
  log: Logger,
): Router {
  const router = Router();
  router.get('/exports/enrollments.csv', async (req, res) => {
    let viewer;
    try {
      viewer = await authenticator.authenticate(req.get('authorization'));
    } catch {
      return refuse(res, 401, 'invalid or expired token');
    }
    if (!viewer) return refuse(res, 401, 'sign in as an admin');
    if (viewer.role !== Role.ADMIN) return refuse(res, 403, 'admins only');
    const termId = parseId(typeof req.query.termId === 'string' ? req.query.termId : undefined);
    if (!termId) return refuse(res, 400, 'termId is required');
    const [term] = await orm.em
      .fork()
      .execute<{ index: number }[]>('select index from term where id = ?', [termId]);
    if (!term) return refuse(res, 404, 'no such term');

    const pool: Pool = await orm.driver.getConnection().getNativeClient();
    const client = await pool.connect();
    const cursor = client.query(new Cursor(ROSTER_SQL, [termId]));
    let aborted = false;
    res.on('close', () => {
      aborted = !res.writableFinished;
    });
    try {
      res.status(200).set({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="enrollments-term-${term.index}.csv"`,
        'cache-control': 'no-store',
      });
      res.write(`\uFEFF${HEADER.map(csvField).join(',')}\r\n`);
      for (;;) {
        const rows = (await cursor.read(500)) as Record<string, string | number | null>[];
        if (rows.length === 0 || aborted) break;
        const chunk = rows
          .map((row) => Object.values(row).map(csvField).join(',') + '\r\n')
          .join('');
        if (!res.write(chunk)) await once(res, 'drain');
      }
      res.end();
    } catch (err) {
      log.error({ err: { message: (err as Error).message } }, 'roster export failed');
      res.destroy();
    } finally {
      await cursor.close().catch(() => undefined);
      client.release();
    }
  });
  return router;
}
