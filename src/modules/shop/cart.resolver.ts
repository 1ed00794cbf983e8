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
import { CartItem } from './cart-item.entity.js';
import { CartService, lineSubtotal } from './cart.service.js';
import { FavoriteService } from './favorite.service.js';
import { Product } from './product.entity.js';
import { Cart } from './shop.types.js';

@Resolver()
export class CartResolver {
  constructor(
    private readonly carts: CartService,
    private readonly favorites: FavoriteService,
  ) {}

  @Authorized()
  @Query(() => Cart)
  cart(@Ctx() ctx: RequestContext): Promise<Cart> {
    return this.carts.cart(ctx);
  }

  @Authorized()
  @Mutation(() => Cart)
  addToCart(
    @Ctx() ctx: RequestContext,
    @Arg('productId', () => ID) productId: string,
    @Arg('quantity', () => Int, { defaultValue: 1 }) quantity: number,
  ): Promise<Cart> {
    return this.carts.add(ctx, productId, quantity);
  }

  @Authorized()
  @Mutation(() => Cart, { description: 'quantity 0 removes the line.' })
  updateCartItem(
    @Ctx() ctx: RequestContext,
    @Arg('productId', () => ID) productId: string,
    @Arg('quantity', () => Int) quantity: number,
  ): Promise<Cart> {
    return this.carts.update(ctx, productId, quantity);
  }

  @Authorized()
  @Mutation(() => Cart)
  removeFromCart(
    @Ctx() ctx: RequestContext,
    @Arg('productId', () => ID) productId: string,
  ): Promise<Cart> {
    return this.carts.remove(ctx, productId);
  }

  @Authorized()
  @Mutation(() => Cart)
  clearCart(@Ctx() ctx: RequestContext): Promise<Cart> {
    return this.carts.clear(ctx);
  }

  @Authorized()
  @Query(() => [Product])
  myFavorites(@Ctx() ctx: RequestContext): Promise<Product[]> {
    return this.favorites.list(ctx);
  }

  @Authorized()
  @Mutation(() => Product)
  addFavorite(
    @Ctx() ctx: RequestContext,
    @Arg('productId', () => ID) productId: string,
  ): Promise<Product> {
    return this.favorites.add(ctx, productId);
  }

  @Authorized()
  @Mutation(() => Product)
  removeFavorite(
    @Ctx() ctx: RequestContext,
    @Arg('productId', () => ID) productId: string,
  ): Promise<Product> {
    return this.favorites.remove(ctx, productId);
  }
}

@Resolver(() => CartItem)
export class CartItemFieldsResolver {
  @FieldResolver(() => Product)
  product(@Root() item: CartItem): Product {
    return item.product;
  }

  @FieldResolver(() => Int, { description: 'fen' })
  subtotal(@Root() item: CartItem): number {
    return lineSubtotal(item);
  }
}
