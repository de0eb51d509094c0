package org.rispacs.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.rispacs.app.security.Role;
import org.rispacs.app.support.PageTest;

/**
 * The read models page in a real browser (Debian's chromium): the administrator sees every read
 * model's state and rebuilds one, which the page reports finished once it has caught up; a rebuild
 * is not started without its confirmation; other roles are refused.
 */
class ReadModelPagesIT extends PageTest {

    private static final String PASSWORD = "read-model-pages-password";

    @BeforeAll
    void setUpUsers() {
        user("rm-admin", "Ada Admin", PASSWORD, Role.ADMIN);
        user("rm-tech", "Tess Tech", PASSWORD, Role.TECHNOLOGIST);
    }

    @Test
    void theAdministratorSeesTheReadModelsAndRebuildsOneToTheEnd() throws Exception {
        browser.signIn("rm-admin", PASSWORD);
        browser.find(By.id("signed-in-user"));
        browser.find(By.linkText("Read models")).click();
        browser.waitFor(driver -> browser.path().equals("/admin/read-models"));
        List<String> shown = browser.waitFor(driver -> driver.findElements(By.cssSelector("#read-models tbody tr"))
                .stream().map(row -> row.getAttribute("data-read-model")).toList());
        assertThat(shown).containsExactlyElementsOf(ReadModelRebuilds.READ_MODELS);

        // a rebuild asked for without the confirmation (the browser's own check bypassed) is refused
        String startedBefore = row("billing").findElements(By.tagName("td")).get(5).getText();
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector('tr[data-read-model=\"billing\"] form').submit()");
        assertThat(browser.text(By.id("problem"))).contains("confirmation").contains("billing");
        assertThat(row("billing").findElements(By.tagName("td")).get(5).getText()).isEqualTo(startedBefore);

        row("billing").findElement(By.name("confirmed")).click();
        row("billing").findElement(By.cssSelector("button.rebuild")).click();
        assertThat(browser.text(By.id("done"))).isEqualTo("Rebuild of billing started.");
        browser.waitFor(driver -> {
            driver.navigate().refresh();
            return row("billing").findElement(By.cssSelector(".finished")).getText().isEmpty() ? null : true;
        });
        WebElement billing = row("billing");
        assertThat(billing.findElement(By.cssSelector(".state")).getText()).isEqualTo("up to date");
        assertThat(billing.findElement(By.cssSelector(".percent")).getText()).isEqualTo("100 %");
        assertThat(billing.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
        String counts = billing.findElement(By.cssSelector(".counts")).getText();
        assertThat(counts).matches("(\\d+) / \\1 events");
        assertThat(billing.findElement(By.cssSelector(".rate")).getText()).endsWith("events/s");
        assertThat(billing.findElements(By.tagName("td")).get(5).getText()).isNotEmpty();
        assertThat(row("orders").findElement(By.cssSelector(".finished")).getText()).as("not rebuilt").isEmpty();
        browser.screenshot("read-models");
    }

    @Test
    void otherRolesAreRefused() {
        browser.signIn("rm-tech", PASSWORD);
        browser.find(By.id("signed-in-user"));
        assertThat(browser.driver().findElements(By.linkText("Read models"))).isEmpty();
        browser.open("/admin/read-models");
        assertThat(browser.text(By.id("forbidden"))).contains("403");
        assertThat(browser.driver().findElements(By.id("read-models"))).isEmpty();
    }

    private WebElement row(String readModel) {
        return browser.find(By.cssSelector("tr[data-read-model='" + readModel + "']"));
    }
}
