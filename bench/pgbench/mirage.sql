-- What one Mirage request costs the database, done the straightforward way: the credential check,
-- the membership check, and the newest 50 messages with sender names (3 statements + the pick).
\set i random(1, :npairs)
SELECT encode(token_hash, 'hex') AS th, room_number AS rn FROM bench_pair WHERE i = :i \gset
SELECT s.tenant_id AS tid, s.user_pk AS upk FROM session s WHERE s.token_hash = decode(:th, 'hex') AND s.expires_at > now() \gset
SELECT r.pk AS rpk FROM room r JOIN room_member rm ON rm.room_pk = r.pk AND rm.user_pk = :upk WHERE r.tenant_id = :tid AND r.number = :rn \gset
SELECT u.username, m.text, m.att_url, m.created_at FROM message m JOIN app_user u ON u.pk = m.sender_pk WHERE m.room_pk = :rpk AND NOT m.deleted ORDER BY m.created_at DESC, m.seq DESC LIMIT 50;
