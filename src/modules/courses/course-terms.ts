import type { EntityManager } from '@mikro-orm/postgresql';
import { parseId } from '../../db/ids.js';
import { AppError } from '../../errors/index.js';
import type { TermDirectory } from '../accounts/user.service.js';
import type { TermIndexLookup } from '../accounts/user-import.service.js';
import type { User } from '../accounts/user.entity.js';
import { Term } from './term.entity.js';

/** How the accounts module puts students in terms (by id from createUser, by index from importUsers). */
export class CourseTerms implements TermDirectory, TermIndexLookup {
  async assignById(em: EntityManager, user: User, rawTermId: string): Promise<void> {
    const id = parseId(rawTermId);
    const term = id ? await em.findOne(Term, id) : null;
    if (!term) throw AppError.notFound('Term', rawTermId);
    user.term = term;
  }

  async termIdsByIndex(
    em: EntityManager,
    indexes: readonly number[],
  ): Promise<Map<number, string>> {
    if (indexes.length === 0) return new Map();
    const terms = await em.find(Term, { index: { $in: [...indexes] } });
    return new Map(terms.map((t) => [t.index, t.id]));
  }
}
