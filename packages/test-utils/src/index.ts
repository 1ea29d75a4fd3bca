/** Private test helpers of scimkit: Entra-shaped fixtures and the `ScimStore` contract suite. */
export * from './fixtures.ts';
export * from './store-contract/index.ts';
