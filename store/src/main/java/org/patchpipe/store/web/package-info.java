/**
 * The site's server-rendered pages at Patchwork's URLs (issue 13): the project index and the patch
 * list with Patchwork's filters and order (and the series view), bundle pages and pwclientrc.
 * Handlers read through the store's repositories ({@code org.patchpipe.store.db}) on an
 * {@link org.patchpipe.store.api.ApiDatabase} connection, build an immutable view record and
 * render it with a JTE template from {@code src/main/jte}, precompiled by the build. JTE escapes
 * every {@code ${...}} for its HTML context, so nothing from mail reaches a page unescaped; pages
 * load one stylesheet from this server and run no script.
 */
package org.patchpipe.store.web;
