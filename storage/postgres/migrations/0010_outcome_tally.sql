-- What the programme outcomes are worked out from (OutcomeTally): per client, a few facts about
-- their answers at each measurement wave and their group sessions (storage/outcomeFacts.ts),
-- written in the same transaction as the records they come from. The outcomes page reads these
-- rows, never a history.
CREATE TABLE outcome_tally (
  client_id  text PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
  facts      jsonb NOT NULL,
  -- The client's records were changed without their facts (stored before this table, copied in by
  -- the import, written by hand or by an instance running older code): the facts are worked out
  -- again from the history before the next read, and at start-up.
  stale      boolean NOT NULL DEFAULT false
);
CREATE INDEX outcome_tally_stale ON outcome_tally (client_id) WHERE stale;
-- The page reads the facts of one programme's clients (the programme their record names now).
CREATE INDEX clients_programme ON clients ((record ->> 'programmeId'));

-- Every client with records so far is worked out once from their history.
INSERT INTO outcome_tally (client_id, facts, stale) SELECT DISTINCT client_id, '{"waves":{}}'::jsonb, true FROM client_months;

-- Records written by anything that does not keep the tally itself mark it stale. Linkwell keeps it
-- in the same transaction and says so with set_config('linkwell.outcome_tally', 'kept', true).
-- Per statement, so an import or a bulk copy of thousands of months costs one INSERT, not one each.
-- (A month deleted by hand is not noticed: Linkwell deletes months only with their client.)
CREATE FUNCTION outcome_tally_behind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('linkwell.outcome_tally', true) IS NOT DISTINCT FROM 'kept' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO outcome_tally (client_id, facts, stale)
    SELECT DISTINCT n.client_id, '{"waves":{}}'::jsonb, true FROM new_months n
    WHERE jsonb_array_length(coalesce(n.doc -> 'checkIns', '[]')) > 0 OR jsonb_array_length(coalesce(n.doc -> 'attendance', '[]')) > 0
    ON CONFLICT (client_id) DO UPDATE SET stale = true;
  ELSE
    INSERT INTO outcome_tally (client_id, facts, stale)
    SELECT DISTINCT n.client_id, '{"waves":{}}'::jsonb, true FROM new_months n JOIN old_months o USING (client_id, month)
    WHERE o.doc -> 'checkIns' IS DISTINCT FROM n.doc -> 'checkIns'
       OR o.doc -> 'responses' IS DISTINCT FROM n.doc -> 'responses'
       OR o.doc -> 'scores' IS DISTINCT FROM n.doc -> 'scores'
       OR o.doc -> 'attendance' IS DISTINCT FROM n.doc -> 'attendance'
    ON CONFLICT (client_id) DO UPDATE SET stale = true;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER client_months_added_outcomes AFTER INSERT ON client_months
  REFERENCING NEW TABLE AS new_months FOR EACH STATEMENT EXECUTE FUNCTION outcome_tally_behind();
CREATE TRIGGER client_months_changed_outcomes AFTER UPDATE ON client_months
  REFERENCING OLD TABLE AS old_months NEW TABLE AS new_months FOR EACH STATEMENT EXECUTE FUNCTION outcome_tally_behind();
