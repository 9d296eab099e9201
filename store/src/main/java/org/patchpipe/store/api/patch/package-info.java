/**
 * {@code /patches/}: list with Patchwork's filters and ordering, detail, and the maintainer's
 * {@code PUT}/{@code PATCH} of state, delegate, archived and commit_ref (with the events Patchwork
 * records for them).
 */
package org.patchpipe.store.api.patch;
