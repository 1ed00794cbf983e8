import { Migration } from '@mikro-orm/migrations';

export class Migration20261121084913_Courses extends Migration {
  override name = 'Migration20261121084913_Courses';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "course_type" ("id" bigserial primary key, "name" text not null, "logo" text null);`,
    );
    this.addSql(
      `alter table "course_type" add constraint "course_type_name_unique" unique ("name");`,
    );

    this.addSql(
      `create table "term" ("id" bigserial primary key, "index" int not null, "starts_on" date not null, "ends_on" date not null, "selection_starts_at" timestamptz not null, "selection_ends_at" timestamptz not null);`,
    );
    this.addSql(`alter table "term" add constraint "term_index_unique" unique ("index");`);

    this.addSql(
      `create table "period" ("id" bigserial primary key, "term_id" bigint not null, "index" int not null, "starts_on" date not null, "ends_on" date not null);`,
    );
    this.addSql(
      `alter table "period" add constraint "period_term_index_unique" unique ("term_id", "index");`,
    );

    this.addSql(
      `create table "course" ("id" bigserial primary key, "title" text not null, "teacher" text not null, "assistant" text null, "location" text not null, "capacity" int not null, "remaining" int not null, "stock_version" bigint not null default '0', "professional" boolean not null default false, "weekday" smallint not null, "starts_at" time(0) not null, "ends_at" time(0) not null, "type_id" bigint not null, "period_id" bigint not null);`,
    );
    this.addSql(`create index "course_type_id_index" on "course" ("type_id");`);
    this.addSql(`create index "course_period_id_index" on "course" ("period_id");`);
    this.addSql(
      `create index "course_location_trgm" on "course" using gin ("location" gin_trgm_ops);`,
    );
    this.addSql(
      `create index "course_teacher_trgm" on "course" using gin ("teacher" gin_trgm_ops);`,
    );
    this.addSql(`create index "course_title_trgm" on "course" using gin ("title" gin_trgm_ops);`);
    this.addSql(`create index "course_listing_index" on "course" ("weekday", "starts_at", "id");`);

    this.addSql(
      `create table "enrollment" ("id" bigserial primary key, "student_id" bigint not null, "course_id" bigint not null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`create index "enrollment_course_id_index" on "enrollment" ("course_id");`);
    this.addSql(
      `alter table "enrollment" add constraint "enrollment_student_course_unique" unique ("student_id", "course_id");`,
    );

    this.addSql(`alter table "app_user" drop column "term_index";`);
    this.addSql(`alter table "app_user" add "term_id" bigint null;`);
    this.addSql(
      `alter table "app_user" add constraint "app_user_term_id_foreign" foreign key ("term_id") references "term" ("id") on delete set null;`,
    );
    this.addSql(`create index "app_user_term_id_index" on "app_user" ("term_id");`);

    this.addSql(
      `alter table "term" add constraint "term_selection_window_check" check (selection_starts_at < selection_ends_at);`,
    );
    this.addSql(
      `alter table "term" add constraint "term_dates_check" check (starts_on <= ends_on);`,
    );

    this.addSql(
      `alter table "period" add constraint "period_term_id_foreign" foreign key ("term_id") references "term" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "period" add constraint "period_dates_check" check (starts_on <= ends_on);`,
    );

    this.addSql(
      `alter table "course" add constraint "course_type_id_foreign" foreign key ("type_id") references "course_type" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "course" add constraint "course_period_id_foreign" foreign key ("period_id") references "period" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "course" add constraint "course_weekday_check" check (weekday between 1 and 7);`,
    );
    this.addSql(
      `alter table "course" add constraint "course_time_check" check (starts_at < ends_at);`,
    );
    this.addSql(
      `alter table "course" add constraint "course_capacity_check" check (capacity > 0);`,
    );
    this.addSql(
      `alter table "course" add constraint "course_remaining_check" check (remaining >= 0 and remaining <= capacity);`,
    );

    this.addSql(
      `alter table "enrollment" add constraint "enrollment_student_id_foreign" foreign key ("student_id") references "app_user" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "enrollment" add constraint "enrollment_course_id_foreign" foreign key ("course_id") references "course" ("id") on delete restrict;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "course" drop constraint "course_type_id_foreign";`);
    this.addSql(`alter table "period" drop constraint "period_term_id_foreign";`);
    this.addSql(`alter table "app_user" drop constraint "app_user_term_id_foreign";`);
    this.addSql(`alter table "course" drop constraint "course_period_id_foreign";`);
    this.addSql(`alter table "enrollment" drop constraint "enrollment_course_id_foreign";`);

    this.addSql(`drop table if exists "course_type" cascade;`);
    this.addSql(`drop table if exists "term" cascade;`);
    this.addSql(`drop table if exists "period" cascade;`);
    this.addSql(`drop table if exists "course" cascade;`);
    this.addSql(`drop table if exists "enrollment" cascade;`);

    this.addSql(`drop index "app_user_term_id_index";`);
    this.addSql(`alter table "app_user" drop column "term_id";`);
    this.addSql(`alter table "app_user" add "term_index" int null;`);
  }
}
