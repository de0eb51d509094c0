package org.rispacs.app.admin;

import java.util.List;
import java.util.Locale;
import org.rispacs.app.web.DisplayTimes;
import org.rispacs.app.web.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The read models and their rebuilds as an administrator sees them: state, progress, rate and
 * the time left; a rebuild is started only with its confirmation box ticked.
 */
@Controller
class ReadModelPages implements WebPage {

    private final ReadModelRebuilds rebuilds;
    private final DisplayTimes times;

    ReadModelPages(ReadModelRebuilds rebuilds, DisplayTimes times) {
        this.rebuilds = rebuilds;
        this.times = times;
    }

    /** One row of the page: the progress, and what of it is shown as text. */
    record Row(ReadModelRebuilds.Progress progress, String state, String rate, String timeLeft, String startedAt,
               String finishedAt) {
    }

    @GetMapping("/admin/read-models")
    String readModels(Model model) {
        List<Row> rows = ReadModelRebuilds.READ_MODELS.stream().map(rebuilds::progress).map(this::row).toList();
        model.addAttribute("readModels", rows);
        return "admin/read-models";
    }

    @PostMapping("/admin/read-models/{readModel}/rebuild")
    String rebuild(@PathVariable String readModel, @RequestParam(defaultValue = "false") boolean confirmed,
                   RedirectAttributes redirect) {
        if (!ReadModelRebuilds.READ_MODELS.contains(readModel)) {
            redirect.addFlashAttribute("problem", "There is no read model " + readModel + ".");
        } else if (!confirmed) {
            redirect.addFlashAttribute("problem", "Tick the confirmation to rebuild " + readModel
                    + "; it is incomplete until the rebuild has caught up.");
        } else {
            rebuilds.rebuild(readModel);
            redirect.addFlashAttribute("done", "Rebuild of " + readModel + " started.");
        }
        return "redirect:/admin/read-models";
    }

    private Row row(ReadModelRebuilds.Progress progress) {
        String state = progress.error() != null ? "retrying an error"
                : progress.rebuilding() ? "rebuilding"
                : progress.upToDate() ? "up to date" : "catching up";
        String rate = progress.eventsPerSecond() == null ? ""
                : String.format(Locale.ROOT, "%.1f events/s", progress.eventsPerSecond());
        String timeLeft = !progress.rebuilding() || progress.secondsLeft() == null ? ""
                : duration(progress.secondsLeft());
        return new Row(progress, state, rate, timeLeft,
                progress.startedAt() == null ? "" : times.format(progress.startedAt()),
                progress.finishedAt() == null ? "" : times.format(progress.finishedAt()));
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
