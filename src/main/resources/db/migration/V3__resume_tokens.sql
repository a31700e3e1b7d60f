-- Resumable login tokens (RESUME): only a SHA-256 of each token is kept, so a copy of the
-- database lets nobody log in. One row per token; a device may hold several (several tabs).
create table resume_token (
    token_hash varchar(64) primary key,
    user_key varchar(64) not null,
    user_name varchar(64) not null,
    device varchar(64) not null,
    issued bigint not null,
    expires bigint not null
);
create index resume_token_user on resume_token (user_key, device);
