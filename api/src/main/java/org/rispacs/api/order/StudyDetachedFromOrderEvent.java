package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsStudy;

/**
 * A study no longer belongs to the order: a person replaced it with another one. A report
 * written on it must be reviewed, since it now sits on other images.
 */
@Revision("1")
public record StudyDetachedFromOrderEvent(
        String orderId,
        String studyInstanceUid,
        String replacedBy,
        String detachedBy,
        String reason) implements ConcernsOrder, ConcernsStudy {
}
