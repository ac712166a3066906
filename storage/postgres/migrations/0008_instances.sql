-- Instances running on this database, and the programme file each runs (its SHA-256): an instance
-- whose file differs from a live one's is refused at start-up. A row ages out when its instance stops.
CREATE TABLE instances (
  id              text PRIMARY KEY,
  programme_sha   text NOT NULL,
  started_at      timestamptz NOT NULL DEFAULT now(),
  seen_at         timestamptz NOT NULL DEFAULT now()
);
