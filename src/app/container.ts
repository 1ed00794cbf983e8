import type { ContainerType, ResolverData } from 'type-graphql';

type Constructor<T = unknown> = abstract new (...args: never[]) => T;

/**
 * The per-app registry of resolver and service instances. type-graphql asks it
 * for resolver instances on every field (through the request context), so two
 * app instances in one process never share state.
 */
export class ServiceContainer implements ContainerType {
  private readonly instances = new Map<Function, unknown>();

  /** Registers an instance under its own class (and optionally extra keys). */
  register<T extends object>(instance: T, ...keys: Constructor<T>[]): T {
    this.instances.set(instance.constructor, instance);
    for (const key of keys) this.instances.set(key, instance);
    return instance;
  }

  get<T>(someClass: Constructor<T> | Function, _resolverData?: ResolverData<object>): T {
    const instance = this.instances.get(someClass);
    if (instance === undefined)
      throw new Error(`ServiceContainer: nothing registered for ${someClass.name}`);
    return instance as T;
  }
}
