-- A random id that the database and the folder of message files beside it both keep, so that a
-- server refuses to start on a database and message files that do not belong together (a
-- deleted or replaced im.db would otherwise lose every room and device cursor silently).
create table store_identity (
    id varchar(64) primary key
);
