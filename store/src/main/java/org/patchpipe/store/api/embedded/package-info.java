/**
 * The short forms Patchwork nests inside other resources ({@code patchwork/api/embedded.py}):
 * project, person, user, series and submission (patch or cover), each a record whose components
 * are Patchwork's keys in order, built from the rows {@code store.db}'s repositories read ({@code
 * ProjectRow}, {@code SubmitterRow}, {@code UserRow}, {@code SeriesRefRow}, {@code
 * SubmissionRow}); nothing here runs SQL.
 */
package org.patchpipe.store.api.embedded;
