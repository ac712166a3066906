-- Documents kept by id in named collections (EntryStore): a programme's group directory entries.
CREATE TABLE entries (
  collection  text NOT NULL,
  id          text NOT NULL,
  entry       jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);
