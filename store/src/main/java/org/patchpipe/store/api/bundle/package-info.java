/**
 * Patchwork's bundles (API 1.2): {@code /bundles/} and {@code /bundles/<id>/}, read by everyone for
 * public bundles and by the owner for private ones, written by the owner only. Patchwork records no
 * event for bundles, and neither does this package. The bundle's mbox download is served by
 * {@code store.api.download}.
 */
package org.patchpipe.store.api.bundle;
