import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';

export enum ProductOrder {
  NEWEST = 'NEWEST',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  SOLD_DESC = 'SOLD_DESC',
}
registerEnumType(ProductOrder, { name: 'ProductOrder' });

@InputType()
export class ProductFilter {
  @Field(() => ID, {
    nullable: true,
    description: "Includes every product in the category's subtree.",
  })
  categoryId?: string | null;

  @Field(() => Int, { nullable: true, description: 'fen, inclusive' })
  minPrice?: number | null;

  @Field(() => Int, { nullable: true, description: 'fen, inclusive' })
  maxPrice?: number | null;

  @Field(() => Boolean, { nullable: true })
  isNew?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  isHot?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Searches name, brief and description.' })
  search?: string | null;
}

@InputType()
export class AddressInput {
  @Field(() => String)
  province!: string;

  @Field(() => String)
  city!: string;

  @Field(() => String)
  district!: string;

  @Field(() => String)
  detail!: string;

  @Field(() => String)
  recipientName!: string;

  @Field(() => String)
  recipientPhone!: string;

  @Field(() => Boolean, { defaultValue: false })
  isDefault!: boolean;
}

@InputType()
export class CheckoutInput {
  @Field(() => ID)
  addressId!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class ProductInput {
  @Field(() => String)
  sn!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  brief?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int)
  price!: number;

  @Field(() => Int)
  marketPrice!: number;

  @Field(() => Int)
  stock!: number;

  @Field(() => Boolean, { defaultValue: false })
  isNew!: boolean;

  @Field(() => Boolean, { defaultValue: false })
  isHot!: boolean;

  @Field(() => [String], { defaultValue: [] })
  images!: string[];

  @Field(() => ID)
  categoryId!: string;
}

/** Fields of a product an ADMIN may change; omitted fields keep their value. Stock moves by `adjustProductStock`. */
@InputType()
export class UpdateProductInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  brief?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  price?: number | null;

  @Field(() => Int, { nullable: true })
  marketPrice?: number | null;

  @Field(() => Boolean, { nullable: true })
  isNew?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  isHot?: boolean | null;

  @Field(() => [String], { nullable: true })
  images?: string[] | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;
}

@InputType()
export class CategoryInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  code!: string;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;
}
