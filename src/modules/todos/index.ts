export { Todo } from './todo.entity.js';
export { TodoFilter } from './todo.inputs.js';
export { TodoResolver } from './todo.resolver.js';
export { MAX_TODOS_PER_USER, TodoService, todosTopic } from './todo.service.js';
