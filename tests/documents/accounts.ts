import { graphql } from '../gql/index.js';

export const AUTH_FIELDS = graphql(`
  fragment AuthFields on AuthPayload {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      username
      nickname
      role
    }
  }
`);

export const Register = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      ...AuthFields
    }
  }
`);

export const Login = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      ...AuthFields
    }
  }
`);

export const Refresh = graphql(`
  mutation Refresh($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      ...AuthFields
    }
  }
`);

export const Logout = graphql(`
  mutation Logout {
    logout
  }
`);

export const Me = graphql(`
  query Me {
    me {
      id
      username
      nickname
      email
      phone
      gender
      role
      realName
      college
      major
      className
      avatarUrl
      createdAt
    }
  }
`);

export const UpdateProfile = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      nickname
      email
      phone
      gender
      realName
      college
      major
      className
      avatarUrl
    }
  }
`);

export const RequestEmailCode = graphql(`
  mutation RequestEmailCode($email: String!) {
    requestEmailCode(email: $email)
  }
`);

export const ChangePassword = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

export const CreateUser = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
      role
      realName
      email
    }
  }
`);

export const ImportUsers = graphql(`
  mutation ImportUsers($csv: String!) {
    importUsers(csv: $csv) {
      created
      skipped
      errors
    }
  }
`);

export const ResetPassword = graphql(`
  mutation ResetPassword($userId: ID!, $newPassword: String!) {
    resetPassword(userId: $userId, newPassword: $newPassword)
  }
`);
