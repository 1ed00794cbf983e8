import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000000Platform extends Migration {
  override up(): void {
    // Trigram indexes back case-insensitive substring search (Chinese included).
    this.addSql('create extension if not exists pg_trgm;');
  }

  override down(): void {
    this.addSql('drop extension if exists pg_trgm;');
  }
}
