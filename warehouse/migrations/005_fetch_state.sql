-- Conditional GET state per remote source: the validators the server gave on the last fetch.
CREATE TABLE fetch_state (
    url           VARCHAR PRIMARY KEY,      -- the source URL as given (credentials redacted)
    final_url     VARCHAR NOT NULL,         -- after redirects
    status        INTEGER NOT NULL,         -- last HTTP status (200, 304)
    etag          VARCHAR,
    last_modified VARCHAR,
    fetched_at    TIMESTAMP NOT NULL
);
