-- Set validation for accession numbers (command side): one row per number ever handed out or
-- taken from a placer; the primary key is what makes duplicates impossible.
CREATE SEQUENCE accession_number_seq;

CREATE TABLE accession_number_registry (
    accession_number VARCHAR(16)  NOT NULL PRIMARY KEY,
    order_id         VARCHAR(255) NOT NULL,
    registered_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
