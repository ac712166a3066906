-- What the kept plans (client_attention.due_at) were worked out under: a hash of the programme
-- file and the planner's code. An instance that starts under the same basis keeps them; under
-- another, it has every client planned again. One row.
CREATE TABLE plan_basis (
  one         boolean PRIMARY KEY DEFAULT true CHECK (one),
  basis       text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
