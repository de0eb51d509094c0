package org.rispacs.app.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: the work areas the user's roles open. */
@Controller
class HomePage implements WebPage {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
