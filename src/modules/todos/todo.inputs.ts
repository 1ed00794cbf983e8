import { Field, InputType, registerEnumType } from 'type-graphql';

export enum TodoFilter {
  ALL = 'ALL',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
}
registerEnumType(TodoFilter, { name: 'TodoFilter' });

@InputType()
export class UpdateTodoInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => Boolean, { nullable: true })
  done?: boolean | null;
}

@InputType()
export class TodoItemInput {
  @Field(() => String)
  title!: string;

  @Field(() => Boolean, { defaultValue: false })
  done: boolean = false;
}
