import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';

@Resolver()
export class AuthResolver {
  @Query(() => String)
  me() {
    return 'me';
  }

  @Mutation(() => Boolean, { name: 'createSubscription' })
  subscribe(@Args('plan') plan: string) {
    return true;
  }
}
