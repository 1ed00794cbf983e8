import type { EntityManager } from '@mikro-orm/postgresql';
import { viewerId, type RequestContext } from '../../app/context.js';
import { normalizePhone, requireText } from '../../common/validation.js';
import { parseId } from '../../db/ids.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import { Address } from './address.entity.js';
import type { AddressInput } from './shop.inputs.js';

export const MAX_ADDRESSES = 20;

/** Validated, trimmed address fields. */
function addressFields(input: AddressInput) {
  return {
    province: requireText(input.province, 'province', { max: 50 }),
    city: requireText(input.city, 'city', { max: 50 }),
    district: requireText(input.district, 'district', { max: 50 }),
    detail: requireText(input.detail, 'detail', { max: 200 }),
    recipientName: requireText(input.recipientName, 'recipientName', { max: 50 }),
    recipientPhone: normalizePhone(input.recipientPhone, 'recipientPhone'),
    isDefault: input.isDefault,
  };
}

/**
 * The viewer's shipping addresses. Another user's address is "not found"
 * everywhere. Writes lock the owner's row first, so making an address the
 * default and unsetting the previous one happen together, one writer at a
 * time (a partial unique index backs the one-default rule).
 */
export class AddressService {
  /** Default first, then newest first. */
  list(ctx: RequestContext): Promise<Address[]> {
    return ctx.em.find(
      Address,
      { owner: viewerId(ctx) },
      { orderBy: { isDefault: 'desc', id: 'desc' } },
    );
  }

  /** One of the viewer's addresses; NOT_FOUND for another user's or an unknown id. */
  async owned(em: EntityManager, userId: string, rawId: string, field = 'id'): Promise<Address> {
    const id = parseId(rawId);
    const address = id ? await em.findOne(Address, { id, owner: userId }) : null;
    if (!address)
      throw new AppError(ErrorCode.NOT_FOUND, 'Address not found', { id: rawId, field });
    return address;
  }

  async create(ctx: RequestContext, input: AddressInput): Promise<Address> {
    const userId = viewerId(ctx);
    const fields = addressFields(input);
    return ctx.em.transactional(async (em) => {
      await this.lockOwner(em, userId);
      const count = await em.count(Address, { owner: userId });
      if (count >= MAX_ADDRESSES)
        throw AppError.badInput('input', `At most ${MAX_ADDRESSES} addresses per account`);
      if (fields.isDefault) await this.unsetDefault(em, userId);
      const address = em.create(Address, { ...fields, owner: userId });
      await em.flush();
      return address;
    });
  }

  async update(ctx: RequestContext, rawId: string, input: AddressInput): Promise<Address> {
    const userId = viewerId(ctx);
    const fields = addressFields(input);
    return ctx.em.transactional(async (em) => {
      await this.lockOwner(em, userId);
      const address = await this.owned(em, userId, rawId);
      if (fields.isDefault && !address.isDefault) await this.unsetDefault(em, userId);
      em.assign(address, fields);
      await em.flush();
      return address;
    });
  }

  async delete(ctx: RequestContext, rawId: string): Promise<boolean> {
    const userId = viewerId(ctx);
    const id = parseId(rawId);
    const deleted = id ? await ctx.em.nativeDelete(Address, { id, owner: userId }) : 0;
    if (deleted === 0) throw AppError.notFound('Address', rawId);
    return true;
  }

  private async lockOwner(em: EntityManager, userId: string): Promise<void> {
    await em.execute('select id from app_user where id = ? for no key update', [userId]);
  }

  private async unsetDefault(em: EntityManager, userId: string): Promise<void> {
    await em.nativeUpdate(Address, { owner: userId, isDefault: true }, { isDefault: false });
  }
}
