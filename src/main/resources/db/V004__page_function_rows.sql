-- The page functions return one page, not the planner's default guess of 1000 rows. With that
-- guess the generic plans of the queries around them hashed every user of the database to name
-- the senders of 50 messages; with the page size they look the senders up by primary key.
ALTER FUNCTION live_page(bigint, boolean, bigint, bigint) ROWS 50;
ALTER FUNCTION imkit_page(bigint, text, boolean, timestamptz, bigint, timestamptz, bigint, integer) ROWS 50;
