-- live_page() (V003) returns the page's whole message rows instead of their keys, so that a page
-- near the newest end costs one heap visit per row rather than a second index descent by seq:
-- on the benchmark's 50-message pages that was a third of all the buffers a DeadSimpleChat page
-- touched (docs/performance.md).
--
-- A short skip (up to 200 rows) is read straight off the room's partial index in its order, heap
-- and all. A long skip still steps over index entries only (an index-only scan) and fetches just
-- the page's rows, so that skip = 100,000 reads 100,000 index entries and 50 rows, not 100,050.
DROP FUNCTION live_page(bigint, boolean, bigint, bigint);

CREATE FUNCTION live_page(p_room bigint, p_attachments boolean, p_offset bigint, p_limit bigint)
  RETURNS SETOF message
  LANGUAGE plpgsql STABLE
  ROWS 50
  SET enable_sort = off
AS $$
BEGIN
  IF p_offset <= 200 THEN
    IF p_attachments THEN
      RETURN QUERY SELECT t.* FROM message t
        WHERE t.room_pk = p_room AND NOT t.deleted AND t.att_url IS NOT NULL
        ORDER BY t.created_at DESC, t.seq DESC OFFSET p_offset LIMIT p_limit;
    ELSE
      RETURN QUERY SELECT t.* FROM message t
        WHERE t.room_pk = p_room AND NOT t.deleted
        ORDER BY t.created_at DESC, t.seq DESC OFFSET p_offset LIMIT p_limit;
    END IF;
  ELSIF p_attachments THEN
    RETURN QUERY SELECT m.* FROM (
        SELECT t.seq, t.created_at FROM message t
         WHERE t.room_pk = p_room AND NOT t.deleted AND t.att_url IS NOT NULL
         ORDER BY t.created_at DESC, t.seq DESC OFFSET p_offset LIMIT p_limit) k
      JOIN message m ON m.seq = k.seq
      ORDER BY k.created_at DESC, k.seq DESC;
  ELSE
    RETURN QUERY SELECT m.* FROM (
        SELECT t.seq, t.created_at FROM message t
         WHERE t.room_pk = p_room AND NOT t.deleted
         ORDER BY t.created_at DESC, t.seq DESC OFFSET p_offset LIMIT p_limit) k
      JOIN message m ON m.seq = k.seq
      ORDER BY k.created_at DESC, k.seq DESC;
  END IF;
END $$;

-- Membership checks start from the user ("is u a member of room r" and "the rooms of u"): with
-- only (room_pk, user_pk), a check planned before the room was known scanned the whole table.
CREATE INDEX room_member_user ON room_member (user_pk, room_pk);
