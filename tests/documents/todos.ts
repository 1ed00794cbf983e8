import { graphql } from '../gql/index.js';

export const TODO_FIELDS = graphql(`
  fragment TodoFields on Todo {
    id
    title
    done
    position
    createdAt
    updatedAt
  }
`);

export const Todos = graphql(`
  query Todos($filter: TodoFilter! = ALL) {
    todos(filter: $filter) {
      ...TodoFields
    }
  }
`);

export const AddTodo = graphql(`
  mutation AddTodo($title: String!) {
    addTodo(title: $title) {
      ...TodoFields
    }
  }
`);

export const UpdateTodo = graphql(`
  mutation UpdateTodo($id: ID!, $input: UpdateTodoInput!) {
    updateTodo(id: $id, input: $input) {
      ...TodoFields
    }
  }
`);

export const DeleteTodo = graphql(`
  mutation DeleteTodo($id: ID!) {
    deleteTodo(id: $id)
  }
`);

export const ClearCompleted = graphql(`
  mutation ClearCompleted {
    clearCompletedTodos
  }
`);

export const ReorderTodos = graphql(`
  mutation ReorderTodos($ids: [ID!]!) {
    reorderTodos(ids: $ids) {
      ...TodoFields
    }
  }
`);

export const ReplaceTodos = graphql(`
  mutation ReplaceTodos($items: [TodoItemInput!]!) {
    replaceTodos(items: $items) {
      ...TodoFields
    }
  }
`);

export const TodosChanged = graphql(`
  subscription TodosChanged {
    todosChanged {
      id
      title
      done
      position
    }
  }
`);
