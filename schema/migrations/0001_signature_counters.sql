-- Keep signature_counts equal to the confirmed signatures, in the same transaction as every
-- change of a signature: a confirmation, an invalidation, an erasure. Country '' is the total.
-- The reconcile job (worker/jobs/reconcile-counts.ts) checks these counters against the rows.
CREATE TRIGGER signatures_count_insert AFTER INSERT ON signatures
WHEN NEW.status = 'confirmed'
BEGIN
	INSERT INTO signature_counts (petition_id, country, count) VALUES (NEW.petition_id, '', 1), (NEW.petition_id, NEW.country, 1)
		ON CONFLICT (petition_id, country) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER signatures_count_update AFTER UPDATE OF status, country, petition_id ON signatures
WHEN OLD.status = 'confirmed' OR NEW.status = 'confirmed'
BEGIN
	UPDATE signature_counts SET count = count - 1
		WHERE OLD.status = 'confirmed' AND petition_id = OLD.petition_id AND country IN ('', OLD.country);
	INSERT INTO signature_counts (petition_id, country, count)
		SELECT NEW.petition_id, c.country, 1 FROM (SELECT '' AS country UNION ALL SELECT NEW.country) AS c
		WHERE NEW.status = 'confirmed'
		ON CONFLICT (petition_id, country) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER signatures_count_delete AFTER DELETE ON signatures
WHEN OLD.status = 'confirmed'
BEGIN
	UPDATE signature_counts SET count = count - 1
		WHERE petition_id = OLD.petition_id AND country IN ('', OLD.country);
END;
