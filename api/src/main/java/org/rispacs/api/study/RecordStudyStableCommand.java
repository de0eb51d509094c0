package org.rispacs.api.study;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The study received no new instance for the configured quiet time: for a station that asks no
 * storage commitment, this is the sign that the study is complete (each instance is on disk before
 * its C-STORE Success).
 */
public record RecordStudyStableCommand(
        @TargetAggregateIdentifier String studyInstanceUid) {
}
