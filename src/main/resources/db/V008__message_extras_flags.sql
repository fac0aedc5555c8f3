-- Whether a message may have reactions, read receipts or per-user hides. A page looks these up
-- only for the messages whose flag is set (most have none: 3 % of the benchmark's messages have
-- reactions), instead of probing three indexes for every row. The import keeps them: a message
-- given with a non-empty list is flagged, one given with an empty list is not, one given without
-- the list keeps its flag. A flag is never false while rows exist; it may be true after they
-- moved to another message (a reaction id re-imported on another message), which only costs a
-- lookup that finds nothing.
ALTER TABLE message
  ADD COLUMN has_reactions boolean NOT NULL DEFAULT false,
  ADD COLUMN has_receipts boolean NOT NULL DEFAULT false,
  ADD COLUMN has_hides boolean NOT NULL DEFAULT false;

UPDATE message m SET has_reactions = true WHERE EXISTS (SELECT 1 FROM reaction x WHERE x.message_seq = m.seq);
UPDATE message m SET has_receipts = true WHERE EXISTS (SELECT 1 FROM read_receipt x WHERE x.message_seq = m.seq);
UPDATE message m SET has_hides = true WHERE EXISTS (SELECT 1 FROM hidden_message x WHERE x.message_seq = m.seq);
