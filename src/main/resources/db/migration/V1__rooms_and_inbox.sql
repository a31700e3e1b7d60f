-- Rooms and their members. Names are kept as first written; the keys are their lower case,
-- so that #Chat and #chat are one room and Alice and alice one member.
create table room (
    room_key varchar(40) primary key,
    name varchar(40) not null,
    created timestamp with time zone not null
);

create table room_member (
    room_key varchar(40) not null references room (room_key) on delete cascade,
    user_key varchar(40) not null,
    user_name varchar(40) not null,
    joined timestamp with time zone not null,
    primary key (room_key, user_key)
);

-- Every message once, by its position (global and increasing; the message id is the position
-- in base 36), with its MSG line as sent. The conversation is '#room' (the room's key) or
-- 'alice bob' (the two user keys, sorted); HISTORY reads by (conversation, position).
create table message (
    position bigint primary key,
    conversation varchar(80) not null,
    sender_key varchar(40) not null,
    sender_device varchar(40) not null,
    sent_at bigint not null,
    line varchar(1048576) not null
);
create index message_conversation on message (conversation, position);
create index message_sent_at on message (sent_at);

-- Each user's inbox: the positions of the messages to that user (and of those the user sent,
-- for the user's other devices), until every device acknowledged them or retention ends them.
create table inbox (
    user_key varchar(40) not null,
    position bigint not null,
    primary key (user_key, position)
);

-- Each device's cursor: the last inbox position it acknowledged.
create table device_cursor (
    user_key varchar(40) not null,
    device varchar(40) not null,
    position bigint not null,
    primary key (user_key, device)
);
