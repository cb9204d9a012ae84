-- 003: bodies are appended to pack files, one per stored batch, instead of a file
-- each (see warehouse/bodies.py). A body's row says which pack and where in it;
-- rows stored before this version keep pack NULL (a file of its own). The codec
-- is 'zstd', 'zlib', 'identity' or 'zstd-dict' (zstd with the raw content of its
-- pack's first body as dictionary).
ALTER TABLE document_bodies ADD COLUMN pack VARCHAR;        -- file name in <db>.bodies/packs/
ALTER TABLE document_bodies ADD COLUMN pack_offset BIGINT;  -- its first byte there
