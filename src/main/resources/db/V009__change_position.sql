-- The store-wide change order (issue 12). Every import that inserts or changes a message gives it
-- a new change_pos in the same transaction; room.last_change_pos is the room's newest one.
-- Positions are handed out at the END of each import transaction, under a transaction-level
-- advisory lock that is released only after the commit is visible (admin/ChangePositions), so
-- positions become visible in position order: a reader that has seen P never later sees a new
-- row at or below P. Until then the transaction's rows carry its own marker, change_pos_pending()
-- (negative, never committed), which it finds by index without visiting other imports' rows.
-- No column default: a writer that does not hand out positions this way must not write messages.
CREATE SEQUENCE change_pos_seq;

ALTER TABLE message ADD COLUMN change_pos bigint;
UPDATE message m SET change_pos = o.pos
  FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS pos FROM message) o
 WHERE m.seq = o.seq;
SELECT setval('change_pos_seq', COALESCE((SELECT max(change_pos) FROM message), 0) + 1, false);
ALTER TABLE message ALTER COLUMN change_pos SET NOT NULL;

-- The room's changes after position P; and the store-wide tail read (also finds the marker rows).
CREATE INDEX message_room_change ON message (room_pk, change_pos);
CREATE INDEX message_change ON message (change_pos);

-- The marker of a message of the current transaction that waits for its position.
CREATE FUNCTION change_pos_pending() RETURNS bigint LANGUAGE sql AS $$
  SELECT -(pg_current_xact_id()::text::bigint)
$$;

ALTER TABLE room ADD COLUMN last_change_pos bigint NOT NULL DEFAULT 0;
UPDATE room r SET last_change_pos = m.pos
  FROM (SELECT room_pk, max(change_pos) AS pos FROM message GROUP BY room_pk) m
 WHERE r.pk = m.room_pk;
