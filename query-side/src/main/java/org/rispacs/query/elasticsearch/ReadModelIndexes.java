package org.rispacs.query.elasticsearch;

import java.util.Set;

/**
 * The read models' indices, prepared as their projections are built, remembering which processing
 * groups found an index missing or made from an older definition: those must be rebuilt from the
 * event store if their processor had already moved past the first event.
 */
public interface ReadModelIndexes {

    /** The index {@code baseName} of the projection in {@code processingGroup}, ready to write. */
    ReadModelIndex prepare(String processingGroup, String baseName);

    /**
     * An index that another projection of the same processing group prepares, to read by id
     * within a batch: its reads see the batch's writes not yet sent.
     */
    ReadModelIndex ofSameGroup(String baseName);

    /** The name of another read model's index, for a projection that only searches it. */
    String nameOf(String baseName);

    /** The processing groups one of whose indices was created or replaced since this application started. */
    Set<String> groupsWithNewIndices();
}
