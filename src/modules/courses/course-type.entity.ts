import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';

@ObjectType({ simpleResolvers: true })
@Entity({ tableName: 'course_type' })
export class CourseType extends BaseEntity {
  @Field(() => String)
  @Property({ type: 'text', unique: 'course_type_name_unique' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  logo: string | null = null;
}
