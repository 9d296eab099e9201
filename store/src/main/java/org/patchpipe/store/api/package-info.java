/**
 * Patchwork's REST API 1.2 and its mbox downloads over the store's PostgreSQL schema.
 *
 * <p>{@link org.patchpipe.store.api.ApiServer} declares every route in one place; each Patchwork
 * resource has its own sub-package holding its handler, its response records (keys in Patchwork's
 * order) and its filters. Rendering follows Patchwork field for field, including the quirks clients
 * depend on: absolute URLs from the request's Host header, the {@code Link} pagination header, 403
 * rather than 401 for missing credentials, and filters that answer an empty list for an unknown value.
 */
package org.patchpipe.store.api;
