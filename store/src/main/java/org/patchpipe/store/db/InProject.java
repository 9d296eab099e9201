package org.patchpipe.store.db;

/**
 * A nested patch, cover or series with what its URLs need from its own project: the link name and
 * the list archive URL format (null where the query does not need it). Immutable.
 */
public record InProject<T>(T row, String linkName, String listArchiveUrlFormat) {}
