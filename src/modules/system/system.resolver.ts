import { Query, Resolver } from 'type-graphql';
import { Public } from '../../auth/decorators.js';

@Resolver()
export class SystemResolver {
  @Public()
  @Query(() => Date, {
    description:
      'The server clock. Clients count down to a selection window with it, not with their own clock.',
  })
  serverTime(): Date {
    return new Date();
  }
}
