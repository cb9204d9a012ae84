-- How a document's body is stored: the arguments of BodyStore.get (sha256, codec,
-- pack, offset, stored size, and the stored size of its pack's first body, which a
-- "zstd-dict" body needs as its dictionary).
SELECT d.sha256, b.codec, b.pack, b.pack_offset, b.stored_size,
       (SELECT first.stored_size FROM document_bodies first
        WHERE first.pack = b.pack AND first.pack_offset = 0)
FROM documents d
JOIN document_bodies b USING (sha256)
WHERE d.document_id = ?;
