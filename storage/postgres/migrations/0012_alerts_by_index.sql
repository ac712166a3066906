-- Alerts found by index, never by reading every alert ever raised (AlertRepository): those being
-- dealt with (by client), one by its code, and those due (escalation, first notification, webhook
-- retry). Three columns kept from the record by a trigger, so every writer (the app, the lowdb
-- import, a hand-made fix) keeps them right.

ALTER TABLE alerts
  ADD COLUMN code text,
  -- When it next needs attention (NULL: nothing waits): the same rule as storage/alertDue.ts.
  ADD COLUMN due_at timestamptz,
  -- When it was resolved (its creation, if the record does not say); NULL while unresolved.
  ADD COLUMN resolved_at timestamptz;

CREATE FUNCTION alert_due_at(alert jsonb) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN alert ->> 'state' = 'resolved' THEN NULL ELSE LEAST(
    CASE WHEN alert ->> 'state' = 'open' THEN (alert ->> 'escalateAt')::timestamptz END,
    CASE WHEN alert ->> 'state' = 'open' THEN (alert ->> 'notifyAt')::timestamptz END,
    (SELECT min((n ->> 'retryAt')::timestamptz)
       FROM jsonb_array_elements(CASE WHEN jsonb_typeof(alert -> 'notifications') = 'array' THEN alert -> 'notifications' ELSE '[]'::jsonb END) AS n
      WHERE n ->> 'status' = 'failed')
  ) END
$$;

CREATE FUNCTION alert_columns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A code never changes: the one staff were sent goes on finding the alert.
  IF TG_OP = 'INSERT' THEN
    NEW.code := NEW.record ->> 'code';
  ELSE
    NEW.code := OLD.code;
  END IF;
  NEW.due_at := alert_due_at(NEW.record);
  NEW.resolved_at := CASE WHEN NEW.record ->> 'state' = 'resolved' THEN COALESCE((NEW.record ->> 'resolvedAt')::timestamptz, NEW.created_at) END;
  RETURN NEW;
END
$$;

-- Existing alerts. Codes were checked only against each instance's memory, so two instances could
-- have given one code twice: it stays with the alert still being dealt with (else the newest), and
-- the other keeps its code in its record but is no longer found by it.
UPDATE alerts SET code = record ->> 'code'
WHERE id IN (
  SELECT DISTINCT ON (record ->> 'code') id FROM alerts
  ORDER BY record ->> 'code', (state = 'resolved'), created_at DESC, id DESC
);

CREATE TRIGGER alerts_columns BEFORE INSERT OR UPDATE ON alerts
  FOR EACH ROW EXECUTE FUNCTION alert_columns();

-- Fills due_at and resolved_at through the trigger (code stays as set above).
UPDATE alerts SET record = record;

CREATE UNIQUE INDEX alerts_code ON alerts (code);
CREATE INDEX alerts_due ON alerts (due_at, id) WHERE due_at IS NOT NULL;
CREATE INDEX alerts_unresolved ON alerts (client_id, created_at) WHERE state <> 'resolved';
CREATE INDEX alerts_resolved ON alerts (resolved_at DESC, id DESC) WHERE state = 'resolved';
