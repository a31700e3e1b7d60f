-- The last message position ever given (cluster mode). A node's writer moves it forward in the
-- transaction that inserts its batch: the row's lock makes batches commit in position order
-- across nodes, so a node that reads the batches after a position never skips one still being
-- written, and positions never repeat, even once every batch has been pruned.
create table message_head (
    id int primary key,
    last_position bigint not null
);
insert into message_head (id, last_position) values (1, 0);
