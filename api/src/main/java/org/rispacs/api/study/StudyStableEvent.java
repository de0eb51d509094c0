package org.rispacs.api.study;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsStudy;

/** No new instance arrived for the quiet time; recorded once until another instance arrives. */
@Revision("1")
public record StudyStableEvent(
        String studyInstanceUid,
        int instanceCount) implements ConcernsStudy {
}
