import { Migration } from '@mikro-orm/migrations';

export class Migration20261121082343_Accounts extends Migration {
  override name = 'Migration20261121082343_Accounts';

  override up(): void | Promise<void> {
    this.addSql(`create type "gender" as enum ('UNKNOWN', 'MALE', 'FEMALE');`);
    this.addSql(`create type "role" as enum ('USER', 'ADMIN');`);
    this.addSql(
      `create table "app_user" ("id" bigserial primary key, "username" text null, "password_hash" text null, "nickname" text not null, "avatar_url" text null, "gender" "gender" not null default 'UNKNOWN', "email" text null, "phone" text null, "role" "role" not null default 'USER', "real_name" text null, "college" text null, "major" text null, "class_name" text null, "term_index" int null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create unique index "app_user_username_lower_unique" on "app_user" (lower("username"));`,
    );

    this.addSql(
      `create table "session" ("id" uuid not null, "user_id" bigint not null, "refresh_token_hash" text not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" text null, "user_agent" text null, "ip" text null, "rotations" int not null default 0, "created_at" timestamptz not null default now(), "last_used_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(
      `alter table "session" add constraint "session_refresh_token_hash_unique" unique ("refresh_token_hash");`,
    );

    this.addSql(
      `create table "retired_refresh_token" ("token_hash" text not null, "session_id" uuid not null, "retired_at" timestamptz not null default now(), primary key ("token_hash"));`,
    );
    this.addSql(
      `create index "retired_refresh_token_session_id_index" on "retired_refresh_token" ("session_id");`,
    );

    this.addSql(
      `create table "email_code" ("id" bigserial primary key, "user_id" bigint not null, "email" text not null, "code_hash" text not null, "failed_attempts" int not null default 0, "expires_at" timestamptz not null, "consumed_at" timestamptz null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "email_code_user_id_index" on "email_code" ("user_id");`);

    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "retired_refresh_token" add constraint "retired_refresh_token_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "email_code" add constraint "email_code_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);
    this.addSql(`alter table "email_code" drop constraint "email_code_user_id_foreign";`);
    this.addSql(
      `alter table "retired_refresh_token" drop constraint "retired_refresh_token_session_id_foreign";`,
    );

    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "retired_refresh_token" cascade;`);
    this.addSql(`drop table if exists "email_code" cascade;`);

    this.addSql(`drop type "gender";`);
    this.addSql(`drop type "role";`);
  }
}
