import { Migration } from '@mikro-orm/migrations';

export class Migration20261121083258_Todos extends Migration {
  override name = 'Migration20261121083258_Todos';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "todo" ("id" bigserial primary key, "owner_id" bigint not null, "title" text not null, "done" boolean not null default false, "position" int not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "todo" add constraint "todo_owner_position_unique" unique ("owner_id", "position") deferrable initially deferred;`,
    );

    this.addSql(
      `alter table "todo" add constraint "todo_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "todo" cascade;`);
  }
}
