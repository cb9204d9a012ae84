-- Where new bodies went in the body store, one list per column (stored_at: one value).
INSERT INTO document_bodies (sha256, size, stored_size, codec, stored_at, pack, pack_offset)
SELECT unnest(?::VARCHAR[]), unnest(?::BIGINT[]), unnest(?::BIGINT[]), unnest(?::VARCHAR[]),
       ?::TIMESTAMPTZ, unnest(?::VARCHAR[]), unnest(?::BIGINT[]);
