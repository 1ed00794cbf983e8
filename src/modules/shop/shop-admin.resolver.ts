import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { Role } from '../accounts/user.entity.js';
import { Category } from './category.entity.js';
import { Product } from './product.entity.js';
import { ShopAdminService } from './shop-admin.service.js';
import { CategoryInput, ProductInput, UpdateProductInput } from './shop.inputs.js';

@Resolver()
export class ShopAdminResolver {
  constructor(private readonly admin: ShopAdminService) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => Category, { description: 'ADMIN only.' })
  createCategory(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CategoryInput) input: CategoryInput,
  ): Promise<Category> {
    return this.admin.createCategory(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Product, { description: 'ADMIN only.' })
  createProduct(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ProductInput) input: ProductInput,
  ): Promise<Product> {
    return this.admin.createProduct(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Product, { description: 'ADMIN only. Omitted fields keep their value.' })
  updateProduct(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProductInput) input: UpdateProductInput,
  ): Promise<Product> {
    return this.admin.updateProduct(ctx, id, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Product, {
    description: 'ADMIN only. Moves the stock by delta (negative takes away); never below 0.',
  })
  adjustProductStock(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('delta', () => Int) delta: number,
  ): Promise<Product> {
    return this.admin.adjustStock(ctx, id, delta);
  }
}
