package org.vendorwatch.platform.graphql;

/** Stable error codes clients can switch on ({@code extensions.code} of a GraphQL error). */
public enum ErrorCode {
    /** {@code first} outside its allowed range. */
    PAGE_SIZE,
    /** A cursor that this API did not issue, or that was issued for another list or order. */
    INVALID_CURSOR,
    /** A global id that this API did not issue. */
    INVALID_ID,
    /** An argument with a value outside its documented range (e.g. an empty search query). */
    INVALID_ARGUMENT,
    /** Too many items in an input list (e.g. {@code nodes(ids:)}). */
    INPUT_LIST_TOO_LONG,
    /** More nodes asked for than allowed (estimated from page sizes before execution). */
    QUERY_TOO_LARGE,
    /** Fields nested deeper than allowed. */
    QUERY_TOO_DEEP,
    /** More aliases than allowed in one document. */
    TOO_MANY_ALIASES,
    /** More directives than allowed in one document. */
    TOO_MANY_DIRECTIVES,
    /** More field selections than allowed in one document (e.g. one field repeated hundreds of times). */
    TOO_MANY_FIELDS,
    /** More parser tokens than allowed in one document. */
    TOO_MANY_TOKENS,
    /** HTTP 413: the request body is larger than allowed. */
    REQUEST_TOO_LARGE,
    /** HTTP 429: too many requests from this client; retry after the Retry-After seconds. */
    RATE_LIMITED,
    /** The response held more errors than allowed; the rest were left out. */
    TOO_MANY_ERRORS,
    /** The document does not parse. */
    GRAPHQL_PARSE_FAILED,
    /** The document parses but does not fit the schema (unknown field, wrong type, unknown enum value ...). */
    GRAPHQL_VALIDATION_FAILED,
    /** A mutation without a bearer token (sign in as an editor). */
    UNAUTHORIZED,
    /** A mutation by someone who is not a verified editor. */
    FORBIDDEN,
    /** A mutation on an instance without an identity provider: it serves reads only. */
    READ_ONLY,
    /** HTTP 401: the request carries a bearer token that is invalid, expired or from another issuer or audience. */
    INVALID_TOKEN,
    /** A mutation whose editor the identity provider cannot confirm right now (it is unreachable); nothing was written. */
    IDENTITY_UNAVAILABLE,
    /** A write that conflicts with data written meanwhile (e.g. two editors taking the same slug at once); nothing was written. */
    CONFLICT,
    /** The database cannot be reached for the moment; retry shortly. */
    UNAVAILABLE,
    /** The request ran longer than its time limit and was stopped. */
    TIMEOUT,
    /** HTTP 400: the body is not a GraphQL request (malformed JSON, an array of operations, no query). */
    MALFORMED_REQUEST,
    /** HTTP 415: the request's Content-Type is not application/json (or application/graphql+json). */
    UNSUPPORTED_MEDIA_TYPE,
    /** HTTP 405: the endpoint does not take this HTTP method. */
    METHOD_NOT_ALLOWED,
    /** HTTP 404: no such endpoint. */
    NOT_FOUND,
    /** A persisted query's hash the server does not know: send the document once with it (Apollo's protocol). */
    PERSISTED_QUERY_NOT_FOUND,
    /** HTTP 400: a persisted query's hash that is not the SHA-256 of the document sent with it. */
    PERSISTED_QUERY_HASH_MISMATCH,
    /** HTTP 403: in trusted-documents mode, an anonymous request that is not a registered document. */
    PERSISTED_QUERY_REQUIRED,
    /** HTTP 406: the requested response type is not offered. */
    NOT_ACCEPTABLE,
    /** Something failed on the server; the message carries an id to quote to the operators. */
    INTERNAL_ERROR
}
