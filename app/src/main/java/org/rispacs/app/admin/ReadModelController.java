package org.rispacs.app.admin;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Administration of the read models: rebuild one (or all) from the event store and watch progress. */
@RestController
@RequestMapping("/api/admin/read-models")
class ReadModelController {

    private final ReadModelRebuilds rebuilds;

    ReadModelController(ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    List<ReadModelRebuilds.Progress> progress() {
        return ReadModelRebuilds.READ_MODELS.stream().map(rebuilds::progress).toList();
    }

    /** One read model's progress; 404 for a name that is not a read model. */
    @GetMapping("/{readModel}")
    ReadModelRebuilds.Progress progress(@PathVariable String readModel) {
        if (!ReadModelRebuilds.READ_MODELS.contains(readModel)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown read model '" + readModel + "'; known: "
                    + ReadModelRebuilds.READ_MODELS);
        }
        return rebuilds.progress(readModel);
    }

    /** {@code all} rebuilds every read model. Answers 202: the rebuild runs in the background. */
    @PostMapping("/{readModel}/rebuild")
    ResponseEntity<List<ReadModelRebuilds.Progress>> rebuild(@PathVariable String readModel) {
        List<String> targets = readModel.equals("all") ? ReadModelRebuilds.READ_MODELS : List.of(readModel);
        targets.forEach(rebuilds::rebuild);
        return ResponseEntity.accepted().body(targets.stream().map(rebuilds::progress).toList());
    }
}
