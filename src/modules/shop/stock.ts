import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Adds the quantities of the given orders' lines to a product column
 * (`stock` when an order is cancelled, `sold_count` when it is paid). The
 * product rows are locked in id order first, the order checkout takes them
 * in, so concurrent checkouts, cancellations and payments cannot deadlock.
 */
async function addOrderQuantities(
  em: EntityManager,
  orderIds: readonly string[],
  column: 'stock' | 'sold_count',
): Promise<void> {
  if (orderIds.length === 0) return;
  const ids = [...orderIds];
  await em.execute(
    `select id from product where id in (select product_id from order_line where order_id in (?))
     order by id for no key update`,
    [ids],
  );
  await em.execute(
    `update product p set ${column} = p.${column} + l.quantity
     from (select product_id, sum(quantity)::int as quantity from order_line
           where order_id in (?) group by product_id) l
     where p.id = l.product_id`,
    [ids],
  );
}

/** Gives the stock of cancelled orders back (call once per order, in the transaction that cancels it). */
export function releaseStock(em: EntityManager, orderIds: readonly string[]): Promise<void> {
  return addOrderQuantities(em, orderIds, 'stock');
}

/** Counts paid orders' pieces as sold (call once per order, in the transaction that marks it paid). */
export function countSold(em: EntityManager, orderIds: readonly string[]): Promise<void> {
  return addOrderQuantities(em, orderIds, 'sold_count');
}
