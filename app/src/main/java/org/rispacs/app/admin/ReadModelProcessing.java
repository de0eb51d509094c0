package org.rispacs.app.admin;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * A read model must not skip an event it failed to write (Axon's default logs the failure and
 * goes on, which leaves a worklist silently short of an order): the failure propagates, the
 * processor retries the batch with back-off, and its error shows in {@code /api/admin/read-models}
 * until Elasticsearch answers again.
 */
@Configuration
class ReadModelProcessing {

    @Autowired
    void retryFailedWrites(EventProcessingConfigurer processing) {
        for (String readModel : ReadModelRebuilds.READ_MODELS) {
            processing.registerListenerInvocationErrorHandler(readModel, configuration ->
                    PropagatingErrorHandler.instance());
        }
    }
}
