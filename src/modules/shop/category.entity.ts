import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';

/** A node of the three-level category tree; its level is its parent's plus one. */
@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'category' })
@Check({ name: 'category_level_check', expression: 'level between 1 and 3' })
export class Category extends BaseEntity {
  [OptionalProps]?: 'parent';

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String)
  @Property({ type: 'text', unique: 'category_code_unique' })
  code!: string;

  @Field(() => Int, { description: '1 = top level, 2, 3.' })
  @Property({ type: 'smallint' })
  level!: number;

  @ManyToOne(() => Category, { nullable: true, deleteRule: 'restrict' })
  @Index({ name: 'category_parent_id_index' })
  parent: Rel<Category> | null = null;
}
