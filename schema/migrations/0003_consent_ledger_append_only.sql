-- The consent ledger is append-only: what was agreed, when and how, is never rewritten.
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN
	SELECT RAISE(ABORT, 'consent_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN
	SELECT RAISE(ABORT, 'consent_events is append-only');
END;
