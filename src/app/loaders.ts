import type DataLoader from 'dataloader';

/** Creates a DataLoader bound to one request. */
export type LoaderFactory<K, V, C = unknown> = (ctx: C) => DataLoader<K, V, string>;

/**
 * Fresh DataLoaders for one request (or one subscription event): each loader
 * is created on first use from its factory and lives as long as the context.
 */
export class LoaderRegistry<C> {
  private readonly loaders = new Map<
    LoaderFactory<unknown, unknown, C>,
    DataLoader<unknown, unknown, string>
  >();

  constructor(private readonly ctx: C) {}

  get<K, V>(factory: LoaderFactory<K, V, C>): DataLoader<K, V, string> {
    const key = factory as unknown as LoaderFactory<unknown, unknown, C>;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = key(this.ctx);
      this.loaders.set(key, loader);
    }
    return loader as unknown as DataLoader<K, V, string>;
  }
}
