-- Rooms and their members. Names are kept as first written; the keys are their lower case,
-- so that #Chat and #chat are one room and Alice and alice one member. A room's messages are
-- its conversation '<key>@<created>': a room made again under an old name starts afresh.
create table room (
    room_key varchar(40) primary key,
    name varchar(40) not null,
    created bigint not null
);

create table room_member (
    room_key varchar(40) not null references room (room_key) on delete cascade,
    user_key varchar(40) not null,
    user_name varchar(40) not null,
    joined bigint not null,
    primary key (room_key, user_key)
);

-- Messages, one row per writer transaction: the positions it holds (global and increasing;
-- a message id is its position in base 36), the time of its last message (for retention),
-- and its messages with their MSG lines and the users whose inbox they are in (BatchCodec).
create table message_batch (
    first_position bigint primary key,
    last_position bigint not null,
    sent_at bigint not null,
    body bytea not null
);
create index message_batch_sent_at on message_batch (sent_at);

-- Each device's cursor: the last inbox position it acknowledged.
create table device_cursor (
    user_key varchar(40) not null,
    device varchar(40) not null,
    position bigint not null,
    primary key (user_key, device)
);
