-- DeadSimpleChat pages by offset over a room's live messages, newest first. With NOT deleted in the
-- predicate, the offset is skipped in an index-only scan (no heap fetch per skipped row; the page's
-- rows are then fetched by seq), and the ordered scan stays cheaper than a bitmap scan plus a sort of
-- the whole room even where the planner believes rooms are small. The attachment filter already has
-- its partial index (message_room_live_attachments).
CREATE INDEX message_room_live_created ON message (room_pk, created_at, seq) WHERE NOT deleted;
