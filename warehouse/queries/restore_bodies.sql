-- Bodies written again because their pack was gone from disk: where they are now,
-- one list per column (stored_at: one value).
UPDATE document_bodies
SET stored_size = u.stored_size, codec = u.codec, stored_at = ?::TIMESTAMPTZ,
    pack = u.pack, pack_offset = u.pack_offset
FROM (SELECT unnest(?::VARCHAR[]) AS sha256, unnest(?::BIGINT[]) AS stored_size,
             unnest(?::VARCHAR[]) AS codec, unnest(?::VARCHAR[]) AS pack,
             unnest(?::BIGINT[]) AS pack_offset) u
WHERE document_bodies.sha256 = u.sha256;
