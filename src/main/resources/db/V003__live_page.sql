-- Offset pages over a room's live messages, newest first (DeadSimpleChat skip, Allmine page):
-- the keys of the page, read in the order of the room's partial index so that a page costs its
-- offset plus its limit in index entries, never the whole room.
--
-- Why a function: PostgreSQL guesses the size of "the room from the join" as the average room.
-- When the offset is past that guess it prefers a bitmap scan of the whole room plus a sort,
-- which on a large room reads every row. With sorting disabled while this function plans
-- (SET enable_sort = off) the ordered index scan is the only plan left; the setting does not
-- leak to the caller's query.
CREATE FUNCTION live_page(p_room bigint, p_attachments boolean, p_offset bigint, p_limit bigint)
  RETURNS TABLE (page_seq bigint, page_created_at timestamptz)
  LANGUAGE plpgsql STABLE
  SET enable_sort = off
AS $$
BEGIN
  IF p_attachments THEN
    RETURN QUERY SELECT t.seq, t.created_at FROM message t
      WHERE t.room_pk = p_room AND NOT t.deleted AND t.att_url IS NOT NULL
      ORDER BY t.created_at DESC, t.seq DESC OFFSET p_offset LIMIT p_limit;
  ELSE
    RETURN QUERY SELECT t.seq, t.created_at FROM message t
      WHERE t.room_pk = p_room AND NOT t.deleted
      ORDER BY t.created_at DESC, t.seq DESC OFFSET p_offset LIMIT p_limit;
  END IF;
END $$;
