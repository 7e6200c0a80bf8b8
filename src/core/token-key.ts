/**
 * Key of a sentence by its tokens alone (labels aside), for finding the same sentence in two
 * sets: a test sentence in the training data, a query among its own demonstrations. Labels are
 * left out on purpose: the tokens are what leaks, whatever the labels say.
 * JSON keeps it exact: no token can forge a separator.
 */
export const tokenKey = (tokens: readonly string[]): string => JSON.stringify(tokens);
