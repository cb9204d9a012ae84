-- Where new bodies went in the body store, one JSON array per column
-- (warehouse/columns.py); stored_at: one value.
INSERT INTO document_bodies (sha256, size, stored_size, codec, stored_at, pack, pack_offset)
SELECT unnest(?::JSON::VARCHAR[]), unnest(?::JSON::BIGINT[]), unnest(?::JSON::BIGINT[]),
       unnest(?::JSON::VARCHAR[]), ?::TIMESTAMPTZ, unnest(?::JSON::VARCHAR[]),
       unnest(?::JSON::BIGINT[]);
