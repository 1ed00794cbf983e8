import { Migration } from '@mikro-orm/migrations';

export class Migration20261121093019_Shop extends Migration {
  override name = 'Migration20261121093019_Shop';

  override up(): void | Promise<void> {
    this.addSql(`create type "order_status" as enum ('PENDING_PAYMENT', 'PAID', 'CANCELLED');`);
    this.addSql(
      `create table "category" ("id" bigserial primary key, "name" text not null, "code" text not null, "level" smallint not null, "parent_id" bigint null);`,
    );
    this.addSql(`alter table "category" add constraint "category_code_unique" unique ("code");`);
    this.addSql(`create index "category_parent_id_index" on "category" ("parent_id");`);

    this.addSql(
      `create table "product" ("id" bigserial primary key, "sn" text not null, "name" text not null, "brief" text null, "description" text null, "price" int not null, "market_price" int not null, "stock" int not null, "sold_count" int not null default 0, "click_count" int not null default 0, "favorite_count" int not null default 0, "is_new" boolean not null default false, "is_hot" boolean not null default false, "images" text[] not null default '{}', "category_id" bigint not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "product" add constraint "product_sn_unique" unique ("sn");`);
    this.addSql(`create index "product_category_id_index" on "product" ("category_id");`);
    this.addSql(
      `create index "product_description_trgm" on "product" using gin ("description" gin_trgm_ops);`,
    );
    this.addSql(`create index "product_brief_trgm" on "product" using gin ("brief" gin_trgm_ops);`);
    this.addSql(`create index "product_name_trgm" on "product" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "product_sold_index" on "product" ("sold_count", "id");`);
    this.addSql(`create index "product_price_index" on "product" ("price", "id");`);
    this.addSql(`create index "product_newest_index" on "product" ("created_at", "id");`);

    this.addSql(
      `create table "shop_order" ("id" bigserial primary key, "order_sn" text not null, "owner_id" bigint not null, "status" "order_status" not null default 'PENDING_PAYMENT', "total" int not null, "shipping_address" text not null, "recipient_name" text not null, "recipient_phone" text not null, "note" text null, "trade_no" text null, "paid_at" timestamptz null, "expires_at" timestamptz not null, "cancelled_at" timestamptz null, "cancel_reason" text null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "shop_order" add constraint "shop_order_sn_unique" unique ("order_sn");`,
    );
    this.addSql(`create index "shop_order_owner_index" on "shop_order" ("owner_id", "id");`);
    this.addSql(
      `create index "shop_order_pending_expiry_index" on "shop_order" ("status", "expires_at");`,
    );

    this.addSql(
      `create table "payment" ("id" bigserial primary key, "order_id" bigint not null, "trade_no" text not null, "amount" int not null, "trade_status" text not null, "refund_required" boolean not null default false, "received_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "payment_order_id_index" on "payment" ("order_id");`);
    this.addSql(
      `alter table "payment" add constraint "payment_trade_no_unique" unique ("trade_no");`,
    );

    this.addSql(
      `create table "order_line" ("id" bigserial primary key, "order_id" bigint not null, "product_id" bigint not null, "product_name" text not null, "unit_price" int not null, "quantity" int not null, "subtotal" int not null);`,
    );
    this.addSql(`create index "order_line_order_id_index" on "order_line" ("order_id");`);

    this.addSql(
      `create table "favorite" ("id" bigserial primary key, "user_id" bigint not null, "product_id" bigint not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "favorite_product_id_index" on "favorite" ("product_id");`);
    this.addSql(
      `alter table "favorite" add constraint "favorite_user_product_unique" unique ("user_id", "product_id");`,
    );

    this.addSql(
      `create table "cart_item" ("id" bigserial primary key, "user_id" bigint not null, "product_id" bigint not null, "quantity" int not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `alter table "cart_item" add constraint "cart_item_user_product_unique" unique ("user_id", "product_id");`,
    );

    this.addSql(
      `create table "address" ("id" bigserial primary key, "owner_id" bigint not null, "province" text not null, "city" text not null, "district" text not null, "detail" text not null, "recipient_name" text not null, "recipient_phone" text not null, "is_default" boolean not null default false, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "address_owner_id_index" on "address" ("owner_id");`);
    this.addSql(
      `create unique index "address_one_default_per_owner" on "address" ("owner_id") where "is_default";`,
    );

    this.addSql(
      `alter table "category" add constraint "category_parent_id_foreign" foreign key ("parent_id") references "category" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "category" add constraint "category_level_check" check (level between 1 and 3);`,
    );

    this.addSql(
      `alter table "product" add constraint "product_category_id_foreign" foreign key ("category_id") references "category" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "product" add constraint "product_counts_check" check (sold_count >= 0 and click_count >= 0 and favorite_count >= 0);`,
    );
    this.addSql(
      `alter table "product" add constraint "product_price_check" check (price >= 0 and market_price >= 0);`,
    );
    this.addSql(`alter table "product" add constraint "product_stock_check" check (stock >= 0);`);

    this.addSql(
      `alter table "shop_order" add constraint "shop_order_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "shop_order" add constraint "shop_order_total_check" check (total >= 0);`,
    );

    this.addSql(
      `alter table "payment" add constraint "payment_order_id_foreign" foreign key ("order_id") references "shop_order" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "order_line" add constraint "order_line_order_id_foreign" foreign key ("order_id") references "shop_order" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "order_line" add constraint "order_line_product_id_foreign" foreign key ("product_id") references "product" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "order_line" add constraint "order_line_quantity_check" check (quantity > 0);`,
    );

    this.addSql(
      `alter table "favorite" add constraint "favorite_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "favorite" add constraint "favorite_product_id_foreign" foreign key ("product_id") references "product" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "cart_item" add constraint "cart_item_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "cart_item" add constraint "cart_item_product_id_foreign" foreign key ("product_id") references "product" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "cart_item" add constraint "cart_item_quantity_check" check (quantity between 1 and 99);`,
    );

    this.addSql(
      `alter table "address" add constraint "address_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "category" drop constraint "category_parent_id_foreign";`);
    this.addSql(`alter table "product" drop constraint "product_category_id_foreign";`);
    this.addSql(`alter table "order_line" drop constraint "order_line_product_id_foreign";`);
    this.addSql(`alter table "favorite" drop constraint "favorite_product_id_foreign";`);
    this.addSql(`alter table "cart_item" drop constraint "cart_item_product_id_foreign";`);
    this.addSql(`alter table "payment" drop constraint "payment_order_id_foreign";`);
    this.addSql(`alter table "order_line" drop constraint "order_line_order_id_foreign";`);

    this.addSql(`drop table if exists "category" cascade;`);
    this.addSql(`drop table if exists "product" cascade;`);
    this.addSql(`drop table if exists "shop_order" cascade;`);
    this.addSql(`drop table if exists "payment" cascade;`);
    this.addSql(`drop table if exists "order_line" cascade;`);
    this.addSql(`drop table if exists "favorite" cascade;`);
    this.addSql(`drop table if exists "cart_item" cascade;`);
    this.addSql(`drop table if exists "address" cascade;`);

    this.addSql(`drop type "order_status";`);
  }
}
