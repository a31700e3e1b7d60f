-- Accounts in cluster mode (one node keeps them in its users file): the name as registered, its
-- key (the name in lower case) unique across the cluster, and the same password hash format as
-- the users file's.
create table account (
    user_key varchar(40) primary key,
    name varchar(40) not null,
    password_hash varchar(255) not null,
    created bigint not null
);
