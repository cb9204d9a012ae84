-- Every stored body with where it is and the documents that hold it: (sha256, codec,
-- pack, offset, stored size, its pack's first body's stored size, the first document's
-- id, its URL and source, how many documents hold it, and the report dates of the
-- bulletins loaded from them).
SELECT b.sha256, b.codec, b.pack, b.pack_offset, b.stored_size,
       (SELECT first.stored_size FROM document_bodies first
        WHERE first.pack = b.pack AND first.pack_offset = 0),
       min(d.document_id), min(d.url), min(d.source), count(DISTINCT d.document_id),
       min(bl.report_date), max(bl.report_date)
FROM document_bodies b
LEFT JOIN documents d USING (sha256)
LEFT JOIN bulletins bl ON bl.document_id = d.document_id
GROUP BY ALL
ORDER BY b.pack NULLS FIRST, b.pack_offset;
