import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { Address } from './address.entity.js';
import { AddressService } from './address.service.js';
import { Order, OrderLine } from './order.entity.js';
import { OrderService } from './order.service.js';
import { PaymentService } from './payment.service.js';
import { Product } from './product.entity.js';
import { AddressInput, CheckoutInput } from './shop.inputs.js';
import { OrderConnection, Payment } from './shop.types.js';

@Resolver()
export class OrderResolver {
  constructor(
    private readonly addresses: AddressService,
    private readonly orders: OrderService,
    private readonly payments: PaymentService,
  ) {}

  @Authorized()
  @Query(() => [Address])
  myAddresses(@Ctx() ctx: RequestContext): Promise<Address[]> {
    return this.addresses.list(ctx);
  }

  @Authorized()
  @Mutation(() => Address)
  createAddress(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddressInput) input: AddressInput,
  ): Promise<Address> {
    return this.addresses.create(ctx, input);
  }

  @Authorized()
  @Mutation(() => Address)
  updateAddress(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AddressInput) input: AddressInput,
  ): Promise<Address> {
    return this.addresses.update(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Boolean)
  deleteAddress(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.addresses.delete(ctx, id);
  }

  @Authorized()
  @Mutation(() => Order, {
    description: 'Turns the cart into an order, taking stock atomically; empties the cart.',
    complexity: 50,
  })
  checkout(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CheckoutInput) input: CheckoutInput,
  ): Promise<Order> {
    return this.orders.checkout(ctx, input);
  }

  @Authorized()
  @Mutation(() => Order, { description: 'Only PENDING_PAYMENT orders; gives the stock back.' })
  cancelOrder(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Order> {
    return this.orders.cancel(ctx, id);
  }

  @Authorized()
  @Mutation(() => Payment)
  payOrder(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Payment> {
    return this.payments.payOrder(ctx, id);
  }

  @Authorized()
  @Query(() => OrderConnection)
  myOrders(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.orders.myOrders(ctx, first, after);
  }

  @Authorized()
  @Query(() => Order, { nullable: true })
  order(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Order> {
    return this.orders.order(ctx, id);
  }
}

@Resolver(() => Order)
export class OrderFieldsResolver {
  constructor(private readonly orders: OrderService) {}

  @FieldResolver(() => [OrderLine])
  lines(@Ctx() ctx: RequestContext, @Root() order: Order): Promise<OrderLine[]> {
    return this.orders.lines(ctx, order);
  }
}

@Resolver(() => OrderLine)
export class OrderLineFieldsResolver {
  constructor(private readonly orders: OrderService) {}

  @FieldResolver(() => Product)
  product(@Ctx() ctx: RequestContext, @Root() line: OrderLine): Promise<Product> {
    return this.orders.lineProduct(ctx, line);
  }
}
