-- Which of the bodies (sha256 values) are stored already, with the documents stored
-- with each: (sha256, pack, document_id, source, url, kind, http_status). A body no
-- document refers to comes with NULLs and is reused all the same.
SELECT b.sha256, b.pack, d.document_id, d.source, d.url, d.kind, d.http_status
FROM document_bodies b
LEFT JOIN documents d USING (sha256)
WHERE b.sha256 IN (SELECT unnest(?::VARCHAR[]));
