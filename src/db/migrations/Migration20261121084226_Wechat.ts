import { Migration } from '@mikro-orm/migrations';

export class Migration20261121084226_Wechat extends Migration {
  override name = 'Migration20261121084226_Wechat';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "wechat_identity" ("id" bigserial primary key, "user_id" bigint not null, "app_id" text not null, "openid" text not null, "unionid" text null, "created_at" timestamptz not null default now(), "last_login_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "wechat_identity_user_id_index" on "wechat_identity" ("user_id");`);
    this.addSql(
      `alter table "wechat_identity" add constraint "wechat_identity_app_openid_unique" unique ("app_id", "openid");`,
    );

    this.addSql(`alter table "app_user" add "wechat_unionid" text null;`);
    this.addSql(
      `alter table "app_user" add constraint "app_user_wechat_unionid_unique" unique ("wechat_unionid");`,
    );

    this.addSql(
      `alter table "wechat_identity" add constraint "wechat_identity_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "wechat_identity" cascade;`);

    this.addSql(`alter table "app_user" drop constraint "app_user_wechat_unionid_unique";`);
    this.addSql(`alter table "app_user" drop column "wechat_unionid";`);
  }
}
