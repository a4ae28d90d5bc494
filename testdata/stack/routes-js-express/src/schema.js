const gql = require('graphql-tag');

const typeDefs = gql`
  type Query {
    invoices(first: Int = 10): [Invoice!]!
  }

  type Mutation {
    "Starts a checkout session."
    createCheckoutSession(plan: String!): String
    cancelSubscription(id: ID!): Boolean @deprecated(reason: "use billing portal")
  }
`;

const resolvers = {
  Query: {
    invoices: () => [],
  },
  Mutation: {
    createCheckoutSession(_, { plan }) {
      return plan;
    },
    async cancelSubscription(_, { id }) {
      return true;
    },
  },
};

// A client-side operation document: not a schema.
const CHECKOUT = gql`
  mutation checkout($plan: String!) {
    createCheckoutSession(plan: $plan)
  }
`;

module.exports = { typeDefs, resolvers, CHECKOUT };
