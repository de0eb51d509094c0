package org.rispacs.app.web;

/**
 * Marks the controllers of the web pages (as opposed to the REST controllers beside them), so
 * that what every page shows (the signed-in user, the interface alert banner) is computed for
 * pages only.
 */
public interface WebPage {
}
