import {
  Arg,
  Authorized,
  Ctx,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Subscription,
} from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { Todo } from './todo.entity.js';
import { TodoFilter, TodoItemInput, UpdateTodoInput } from './todo.inputs.js';
import { TodoService } from './todo.service.js';

@Resolver(() => Todo)
export class TodoResolver {
  constructor(private readonly service: TodoService) {}

  @Authorized()
  @Query(() => [Todo])
  todos(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => TodoFilter, { defaultValue: TodoFilter.ALL }) filter: TodoFilter,
  ): Promise<Todo[]> {
    return this.service.list(ctx, filter);
  }

  @Authorized()
  @Mutation(() => Todo)
  addTodo(@Ctx() ctx: RequestContext, @Arg('title', () => String) title: string): Promise<Todo> {
    return this.service.add(ctx, title);
  }

  @Authorized()
  @Mutation(() => Todo)
  updateTodo(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTodoInput) input: UpdateTodoInput,
  ): Promise<Todo> {
    return this.service.update(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Boolean)
  deleteTodo(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.service.delete(ctx, id);
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Returns how many were removed.' })
  clearCompletedTodos(@Ctx() ctx: RequestContext): Promise<number> {
    return this.service.clearCompleted(ctx);
  }

  @Authorized()
  @Mutation(() => [Todo], {
    description: "ids in the new order; must be exactly the viewer's todos.",
  })
  reorderTodos(@Ctx() ctx: RequestContext, @Arg('ids', () => [ID]) ids: string[]): Promise<Todo[]> {
    return this.service.reorder(ctx, ids);
  }

  @Authorized()
  @Mutation(() => [Todo], {
    description: "Replaces the viewer's whole list in one transaction (the mini-program's upload).",
    complexity: 50,
  })
  replaceTodos(
    @Ctx() ctx: RequestContext,
    @Arg('items', () => [TodoItemInput]) items: TodoItemInput[],
  ): Promise<Todo[]> {
    return this.service.replace(ctx, items);
  }

  @Authorized()
  @Subscription(() => [Todo], {
    description: "The viewer's todo list after any change made from any device.",
    subscribe: ({ context }) =>
      (context as RequestContext).container.get(TodoService).subscribe(context as RequestContext),
  })
  todosChanged(@Ctx() ctx: RequestContext): Promise<Todo[]> {
    return this.service.listForEvent(ctx);
  }
}
