-- Storage Commitment transactions acknowledged (N-ACTION-RSP sent) whose N-EVENT-REPORT is not yet
-- delivered: a restart in between still sends the report. References are one "class|instance" per
-- line; outcomes "class|instance|reason" (reason empty when committed), set once verified.
CREATE TABLE dicom_storage_commitment (
    transaction_uid    VARCHAR(64) PRIMARY KEY,
    requester_ae_title VARCHAR(16) NOT NULL,
    our_ae_title       VARCHAR(16) NOT NULL,
    requested          TEXT        NOT NULL,
    received_at        TIMESTAMPTZ NOT NULL,
    outcome            TEXT,
    failed_attempts    INT         NOT NULL DEFAULT 0
);
