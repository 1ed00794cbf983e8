import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { hashPassword } from '../../auth/passwords.js';
import { User } from '../../modules/accounts/user.entity.js';
import { Course } from '../../modules/courses/course.entity.js';
import { CourseType } from '../../modules/courses/course-type.entity.js';
import { Period } from '../../modules/courses/period.entity.js';
import { Term } from '../../modules/courses/term.entity.js';

const DAY = 86_400_000;
const TYPES = ['编程 Programming', '体育 Sports', '艺术 Arts', '语言 Languages', '科学 Science'];
const COURSES: [string, number][] = [
  ['Python 编程入门', 0],
  ['数据结构', 0],
  ['算法设计与分析', 0],
  ['Web 前端开发', 0],
  ['数据库系统', 0],
  ['机器学习导论', 0],
  ['Go 语言实战', 0],
  ['移动应用开发', 0],
  ['计算机网络', 0],
  ['操作系统原理', 0],
  ['篮球', 1],
  ['足球', 1],
  ['羽毛球', 1],
  ['太极拳', 1],
  ['游泳', 1],
  ['瑜伽', 1],
  ['乒乓球', 1],
  ['网球', 1],
  ['健美操', 1],
  ['定向越野', 1],
  ['书法', 2],
  ['国画', 2],
  ['摄影', 2],
  ['古典音乐欣赏', 2],
  ['合唱', 2],
  ['电影赏析', 2],
  ['陶艺', 2],
  ['舞蹈', 2],
  ['素描', 2],
  ['剪纸', 2],
  ['英语口语', 3],
  ['日语入门', 3],
  ['法语入门', 3],
  ['德语入门', 3],
  ['学术英语写作', 3],
  ['韩语入门', 3],
  ['西班牙语入门', 3],
  ['演讲与辩论', 3],
  ['古代汉语', 3],
  ['对外汉语', 3],
  ['天文观测', 4],
  ['生命科学前沿', 4],
  ['化学与生活', 4],
  ['趣味物理实验', 4],
  ['环境科学', 4],
  ['心理学导论', 4],
  ['经济学原理', 4],
  ['数学建模', 4],
  ['地理信息系统', 4],
  ['营养与健康', 4],
];
const TEACHERS = ['王芳', '李强', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄涛', '周丽', '吴军'];
const ROOMS = [
  '逸夫楼 101',
  '逸夫楼 302',
  '实验楼 A201',
  '体育馆',
  '游泳馆',
  '艺术中心 1F',
  '图书馆报告厅',
  '外语楼 205',
  '理科楼 410',
  '综合楼 108',
];
const SLOTS: [string, string][] = [
  ['08:00:00', '09:40:00'],
  ['10:00:00', '11:40:00'],
  ['14:00:00', '15:40:00'],
  ['16:00:00', '17:40:00'],
  ['19:00:00', '20:40:00'],
];

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Term 1 with its selection window open now, three periods, five types, 50 courses and 50 students. */
export class CoursesSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if (await em.findOne(Term, { index: 1 })) return;
    const now = Date.now();
    const term = em.create(Term, {
      index: 1,
      startsOn: isoDate(now - DAY),
      endsOn: isoDate(now + 120 * DAY),
      selectionStartsAt: new Date(now - DAY),
      selectionEndsAt: new Date(now + 30 * DAY),
    });
    const periods = [0, 1, 2].map((i) =>
      em.create(Period, {
        term,
        index: i + 1,
        startsOn: isoDate(now - DAY + i * 40 * DAY),
        endsOn: isoDate(now + 38 * DAY + i * 40 * DAY),
      }),
    );
    const types = TYPES.map((name) => em.create(CourseType, { name }));
    COURSES.forEach(([title, typeIndex], i) => {
      const [startsAt, endsAt] = SLOTS[i % SLOTS.length]!;
      const capacity = 20 + ((i * 7) % 41);
      em.create(Course, {
        title,
        teacher: TEACHERS[i % TEACHERS.length]!,
        location: ROOMS[(i * 3) % ROOMS.length]!,
        capacity,
        remaining: capacity,
        professional: i % 10 === 0,
        weekday: (i % 7) + 1,
        startsAt,
        endsAt,
        type: types[typeIndex]!,
        period: periods[i % periods.length]!,
      });
    });
    const passwordHash = await hashPassword('student-password');
    for (let i = 1; i <= 50; i++) {
      em.create(User, {
        username: `2026${String(i).padStart(3, '0')}`,
        passwordHash,
        nickname: `同学${i}`,
        realName: `学生${i}`,
        term,
      });
    }
    const demo = await em.findOne(User, { username: 'demo' });
    if (demo) demo.term = term;
    await em.flush();
  }
}
