-- Allmine pages are offsets from the newest live message of a room. Skipping `offset` entries on
-- this partial index is an index-only scan that never touches deleted rows or the heap (given a
-- current visibility map); on message_room_created every skipped entry costs a heap visit to
-- read `deleted`.
CREATE INDEX message_room_live_created ON message (room_pk, created_at, seq) WHERE NOT deleted;
