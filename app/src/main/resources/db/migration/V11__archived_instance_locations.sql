-- Where each archived SOP instance is (its study and series folder), for storage commitment: written
-- by a subscribing event processor in the transaction of the InstancesReceived event, so it holds
-- exactly the recorded instances. Derived only: rebuilt from the event store when it has not been
-- filled from it yet (no row in dicom_archived_instance_rebuilt), e.g. on the first start after
-- this migration.
CREATE TABLE dicom_archived_instance (
    sop_instance_uid    VARCHAR(64) NOT NULL PRIMARY KEY,
    study_instance_uid  VARCHAR(64) NOT NULL,
    series_instance_uid VARCHAR(64) NOT NULL
);

CREATE TABLE dicom_archived_instance_rebuilt (
    rebuilt_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
