package org.rispacs.app.support;

import java.io.IOException;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.rispacs.app.security.Role;
import org.rispacs.app.security.UserAccounts;
import org.rispacs.app.web.Browser;
import org.springframework.beans.factory.annotation.Autowired;

/** A test of the web pages in one browser (Debian's chromium) the whole class shares, with the users it signs in as. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PageTest extends ApplicationTest {

    @Autowired
    protected UserAccounts accounts;

    protected Browser browser;

    @BeforeAll
    void startBrowser() throws IOException {
        browser = new Browser(port);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** An account holding one role, created unless it exists. */
    protected void user(String username, String fullName, String password, Role role) {
        accounts.createIfAbsent(username, fullName, password, EnumSet.of(role), false);
    }
}
