-- The gateway's store. Internal bigint keys (pk, seq) keep joins and indexes small; the ids that
-- clients see are text, unique per tenant. seq is the store's insertion order.

CREATE TABLE tenant (
  id   text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  name text NOT NULL DEFAULT ''
);

-- API keys and session tokens are stored only as SHA-256 hashes of the random secret.
CREATE TABLE api_key (
  key_hash   bytea PRIMARY KEY,
  tenant_id  text NOT NULL REFERENCES tenant (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  pk                     bigserial PRIMARY KEY,
  tenant_id              text NOT NULL REFERENCES tenant (id),
  id                     text NOT NULL,
  username               text NOT NULL,
  nickname               text NOT NULL,
  description            text NOT NULL DEFAULT '',
  avatar_url             text,
  is_moderator           boolean NOT NULL DEFAULT false,
  unique_user_identifier text,
  availability_status    text NOT NULL DEFAULT 'offline'
    CHECK (availability_status IN ('available', 'busy', 'away', 'offline')),
  last_login_at          timestamptz,
  UNIQUE (tenant_id, id)
);

-- count_* are maintained by the trigger below so that totals are O(1) per request.
CREATE TABLE room (
  pk                     bigserial PRIMARY KEY,
  tenant_id              text NOT NULL REFERENCES tenant (id),
  id                     text NOT NULL,
  number                 bigint NOT NULL CHECK (number > 0),
  name                   text NOT NULL DEFAULT '',
  count_all              bigint NOT NULL DEFAULT 0,
  count_live             bigint NOT NULL DEFAULT 0,
  count_live_attachments bigint NOT NULL DEFAULT 0,
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, number)
);

CREATE TABLE room_member (
  room_pk bigint NOT NULL REFERENCES room (pk),
  user_pk bigint NOT NULL REFERENCES app_user (pk),
  PRIMARY KEY (room_pk, user_pk)
);

CREATE SEQUENCE message_seq;

CREATE TABLE message (
  seq               bigint PRIMARY KEY DEFAULT nextval('message_seq'),
  tenant_id         text NOT NULL REFERENCES tenant (id),
  id                text NOT NULL,
  room_pk           bigint NOT NULL REFERENCES room (pk),
  sender_pk         bigint NOT NULL REFERENCES app_user (pk),
  recipient_pk      bigint REFERENCES app_user (pk),
  type              text NOT NULL DEFAULT 'text',
  text              text,
  payload           jsonb,
  att_id            text,
  att_url           text,
  att_name          text,
  att_size          bigint,
  att_content_type  text,
  att_kind          text CHECK (att_kind IN ('image', 'video', 'audio', 'file')),
  att_width         integer,
  att_height        integer,
  att_duration      double precision,
  att_thumbnail_url text,
  credit_transfer   jsonb,
  action_buttons    jsonb NOT NULL DEFAULT '[]',
  status            text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'received', 'read')),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  message_time      timestamptz NOT NULL,
  deleted           boolean NOT NULL DEFAULT false,
  version           integer NOT NULL DEFAULT 0,
  UNIQUE (tenant_id, id)
);

-- Keyset indexes: every history read is a range scan on (room, time, seq).
CREATE INDEX message_room_created ON message (room_pk, created_at, seq);
CREATE INDEX message_room_updated ON message (room_pk, updated_at, seq);
CREATE INDEX message_room_message_time ON message (room_pk, message_time, seq);
-- Offset dialects (DeadSimpleChat skip, Allmine page) page over a room's live messages, newest
-- first: with NOT deleted in the predicate the offset is skipped in an index-only scan (no heap
-- fetch per skipped row; the page's rows are then fetched by seq).
CREATE INDEX message_room_live_created ON message (room_pk, created_at, seq) WHERE NOT deleted;
CREATE INDEX message_room_live_attachments ON message (room_pk, created_at, seq)
  WHERE NOT deleted AND att_url IS NOT NULL;
-- The Mirage cap: the tenant's newest non-deleted messages across all rooms.
CREATE INDEX message_tenant_live ON message (tenant_id, created_at, seq) WHERE NOT deleted;

CREATE TABLE reaction (
  pk          bigserial PRIMARY KEY,
  tenant_id   text NOT NULL,
  id          text NOT NULL,
  message_seq bigint NOT NULL REFERENCES message (seq) ON DELETE CASCADE,
  user_pk     bigint NOT NULL REFERENCES app_user (pk),
  reaction    text NOT NULL,
  created_at  timestamptz NOT NULL,
  UNIQUE (tenant_id, id)
);
CREATE INDEX reaction_message ON reaction (message_seq, created_at, pk);

CREATE TABLE read_receipt (
  message_seq bigint NOT NULL REFERENCES message (seq) ON DELETE CASCADE,
  user_pk     bigint NOT NULL REFERENCES app_user (pk),
  read_at     timestamptz NOT NULL,
  PRIMARY KEY (message_seq, user_pk)
);

CREATE TABLE hidden_message (
  message_seq bigint NOT NULL REFERENCES message (seq) ON DELETE CASCADE,
  user_pk     bigint NOT NULL REFERENCES app_user (pk),
  PRIMARY KEY (message_seq, user_pk)
);

CREATE TABLE session (
  token_hash bytea PRIMARY KEY,
  tenant_id  text NOT NULL REFERENCES tenant (id),
  user_pk    bigint NOT NULL REFERENCES app_user (pk),
  expires_at timestamptz NOT NULL
);

-- Room counters. A row trigger that updated the room row for every message would make an import
-- of many messages into one room quadratic (each update of the same row in one transaction walks
-- the chain of that row's earlier versions). So the trigger only appends deltas, and every writer
-- of messages folds them into the room rows once, before it commits:
-- SELECT apply_room_count_deltas().
CREATE TABLE room_count_delta (
  room_pk bigint NOT NULL,
  d_all   integer NOT NULL,
  d_live  integer NOT NULL,
  d_att   integer NOT NULL
);

CREATE FUNCTION message_room_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO room_count_delta VALUES (OLD.room_pk, -1, -(NOT OLD.deleted)::int,
                                         -(NOT OLD.deleted AND OLD.att_url IS NOT NULL)::int);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO room_count_delta VALUES (NEW.room_pk, 1, (NOT NEW.deleted)::int,
                                         (NOT NEW.deleted AND NEW.att_url IS NOT NULL)::int);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER message_room_counts AFTER INSERT OR DELETE OR UPDATE OF room_pk, deleted, att_url
  ON message FOR EACH ROW EXECUTE FUNCTION message_room_counts();

CREATE FUNCTION apply_room_count_deltas() RETURNS void LANGUAGE sql AS $$
  WITH d AS (DELETE FROM room_count_delta RETURNING *),
       s AS (SELECT room_pk, sum(d_all) AS a, sum(d_live) AS l, sum(d_att) AS t FROM d GROUP BY room_pk)
  UPDATE room r SET count_all = r.count_all + s.a, count_live = r.count_live + s.l,
                    count_live_attachments = r.count_live_attachments + s.t
    FROM s WHERE r.pk = s.room_pk;
$$;
