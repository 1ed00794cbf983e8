import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Gender, Role } from './user.entity.js';

@InputType()
export class RegisterInput {
  @Field(() => String)
  username!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  nickname?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  nickname?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  avatarUrl?: string | null;

  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  realName?: string | null;

  @Field(() => String, { nullable: true })
  college?: string | null;

  @Field(() => String, { nullable: true })
  major?: string | null;

  @Field(() => String, { nullable: true })
  className?: string | null;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String, { description: 'Six-digit code sent by requestEmailCode.' })
  code!: string;

  @Field(() => String)
  newPassword!: string;
}

@InputType()
export class CreateUserInput {
  @Field(() => String)
  username!: string;

  @Field(() => String)
  password!: string;

  @Field(() => Role, { defaultValue: Role.USER })
  role: Role = Role.USER;

  @Field(() => String, { nullable: true })
  realName?: string | null;

  @Field(() => ID, { nullable: true })
  termId?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}
