/**
 * The short forms Patchwork nests inside other resources ({@code patchwork/api/embedded.py}):
 * project, person, user, series, patch, cover and check, each a record whose components are
 * Patchwork's keys in order, with the SQL column lists and row readers that build them.
 */
package org.patchpipe.store.api.embedded;
