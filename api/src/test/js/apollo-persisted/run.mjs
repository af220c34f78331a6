// Apollo Client with its persisted-query link, as a newsroom frontend sets it up: hashed queries over
// GET (so a CDN can cache them), the document sent only when the server does not know the hash yet.
// Runs one query twice against URL and prints one JSON line per HTTP request the client made, then the
// two results. Usage: node run.mjs http://127.0.0.1:PORT/graphql
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

const url = process.argv[2];
const requests = [];
const loggingFetch = async (input, init) => {
  const response = await fetch(input, init);
  const u = new URL(typeof input === 'string' ? input : input.url);
  requests.push({
    method: init?.method ?? 'GET',
    sentDocument: u.searchParams.has('query') || (typeof init?.body === 'string' && init.body.includes('"query"')),
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    etag: response.headers.get('etag'),
  });
  return response;
};
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const client = new ApolloClient({
  link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri: url, fetch: loggingFetch })),
  cache: new InMemoryCache(),
});
const NEWSROOM = gql`query Newsroom { vendors(first: 3) { totalCount edges { node { slug name isSanctioned } } } }`;
const results = [];
for (let i = 0; i < 2; i++) {
  const r = await client.query({ query: NEWSROOM, fetchPolicy: 'network-only' });
  results.push(r.data);
}
for (const r of requests) console.log(JSON.stringify({ request: r }));
for (const r of results) console.log(JSON.stringify({ result: r }));
