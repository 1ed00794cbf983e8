import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { Public } from '../../auth/decorators.js';
import { Category } from './category.entity.js';
import { ProductCatalogService } from './product-catalog.service.js';
import { Product } from './product.entity.js';
import { ProductFilter, ProductOrder } from './shop.inputs.js';
import { ProductConnection } from './shop.types.js';

@Resolver()
export class ProductResolver {
  constructor(private readonly catalog: ProductCatalogService) {}

  @Public()
  @Query(() => [Category])
  categories(@Ctx() ctx: RequestContext): Promise<Category[]> {
    return this.catalog.categories(ctx);
  }

  @Public()
  @Query(() => ProductConnection)
  products(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ProductFilter, { nullable: true }) filter: ProductFilter | null,
    @Arg('orderBy', () => ProductOrder, { defaultValue: ProductOrder.NEWEST })
    orderBy: ProductOrder,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.catalog.products(ctx, filter, orderBy, first, after);
  }

  @Public()
  @Query(() => Product, { nullable: true, description: 'Also counts one click on the product.' })
  product(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Product | null> {
    return this.catalog.product(ctx, id);
  }
}

@Resolver(() => Category)
export class CategoryFieldsResolver {
  constructor(private readonly catalog: ProductCatalogService) {}

  @FieldResolver(() => Category, { nullable: true })
  parent(@Ctx() ctx: RequestContext, @Root() category: Category) {
    return this.catalog.parent(ctx, category);
  }

  @FieldResolver(() => [Category])
  children(@Ctx() ctx: RequestContext, @Root() category: Category) {
    return this.catalog.children(ctx, category);
  }
}

@Resolver(() => Product)
export class ProductFieldsResolver {
  constructor(private readonly catalog: ProductCatalogService) {}

  @FieldResolver(() => Category)
  category(@Ctx() ctx: RequestContext, @Root() product: Product) {
    return this.catalog.category(ctx, product);
  }

  @FieldResolver(() => Boolean)
  viewerFavorited(@Ctx() ctx: RequestContext, @Root() product: Product) {
    return this.catalog.viewerFavorited(ctx, product);
  }
}
