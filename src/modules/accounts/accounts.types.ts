import { Field, Int, ObjectType } from 'type-graphql';
import { User } from './user.entity.js';

@ObjectType()
export class AuthPayload {
  @Field(() => String, {
    description:
      'Short-lived JWT for the Authorization: Bearer header and the graphql-ws connection_init payload.',
  })
  accessToken!: string;

  @Field(() => Date)
  accessTokenExpiresAt!: Date;

  @Field(() => String, { description: 'Opaque, single-use, rotated on every refresh.' })
  refreshToken!: string;

  @Field(() => User)
  user!: User;
}

@ObjectType()
export class ImportUsersResult {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  skipped!: number;

  @Field(() => [String], { description: 'One message per rejected line, naming the line number.' })
  errors!: string[];
}
