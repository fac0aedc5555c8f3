-- A user's description is optional (model.md): NULL when the import leaves it out, so IMKit can
-- leave the member out. Rows stored before this migration keep the '' they were given by default
-- (an explicit "" cannot be told from it); re-importing such a user without a description clears it.
ALTER TABLE app_user ALTER COLUMN description DROP NOT NULL, ALTER COLUMN description DROP DEFAULT;
