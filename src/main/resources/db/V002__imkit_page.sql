-- IMKit history pages (dialects.md §5): the keyset window (low, high) of one room on (K, seq),
-- newest first or oldest first, always read in the order of K's index (room_pk, K, seq) so that a
-- page reads at most p_page rows wherever in the room it starts.
--
-- Why a function: planning this query, PostgreSQL guesses the rows of "room_pk = <a room from the
-- join>" as the average room. When that guess is below the page size it prefers a bitmap scan plus
-- sort, which on a large room reads every row after the bound. With sorting disabled while planning
-- (SET enable_sort = off) the ordered index scan is the only plan left; plpgsql keeps the plan.
CREATE FUNCTION imkit_page(p_room bigint, p_field text, p_newest boolean,
                           p_low_k timestamptz, p_low_seq bigint,
                           p_high_k timestamptz, p_high_seq bigint, p_page integer)
  RETURNS SETOF message
  LANGUAGE plpgsql STABLE
  SET enable_sort = off
AS $$
BEGIN
  IF p_field = 'updated_at' AND p_newest THEN
    RETURN QUERY SELECT * FROM message m WHERE m.room_pk = p_room
      AND (m.updated_at, m.seq) > (p_low_k, p_low_seq) AND (m.updated_at, m.seq) < (p_high_k, p_high_seq)
      ORDER BY m.updated_at DESC, m.seq DESC LIMIT p_page;
  ELSIF p_field = 'updated_at' THEN
    RETURN QUERY SELECT * FROM message m WHERE m.room_pk = p_room
      AND (m.updated_at, m.seq) > (p_low_k, p_low_seq) AND (m.updated_at, m.seq) < (p_high_k, p_high_seq)
      ORDER BY m.updated_at, m.seq LIMIT p_page;
  ELSIF p_field = 'created_at' AND p_newest THEN
    RETURN QUERY SELECT * FROM message m WHERE m.room_pk = p_room
      AND (m.created_at, m.seq) > (p_low_k, p_low_seq) AND (m.created_at, m.seq) < (p_high_k, p_high_seq)
      ORDER BY m.created_at DESC, m.seq DESC LIMIT p_page;
  ELSIF p_field = 'created_at' THEN
    RETURN QUERY SELECT * FROM message m WHERE m.room_pk = p_room
      AND (m.created_at, m.seq) > (p_low_k, p_low_seq) AND (m.created_at, m.seq) < (p_high_k, p_high_seq)
      ORDER BY m.created_at, m.seq LIMIT p_page;
  ELSIF p_field = 'message_time' AND p_newest THEN
    RETURN QUERY SELECT * FROM message m WHERE m.room_pk = p_room
      AND (m.message_time, m.seq) > (p_low_k, p_low_seq) AND (m.message_time, m.seq) < (p_high_k, p_high_seq)
      ORDER BY m.message_time DESC, m.seq DESC LIMIT p_page;
  ELSIF p_field = 'message_time' THEN
    RETURN QUERY SELECT * FROM message m WHERE m.room_pk = p_room
      AND (m.message_time, m.seq) > (p_low_k, p_low_seq) AND (m.message_time, m.seq) < (p_high_k, p_high_seq)
      ORDER BY m.message_time, m.seq LIMIT p_page;
  ELSE
    RAISE EXCEPTION 'imkit_page: unknown field %', p_field;
  END IF;
END $$;
