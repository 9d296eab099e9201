/**
 * Patchwork's downloads: patch mbox and raw diff, cover mbox and series mbox at Patchwork's URLs
 * (R12.6), plus the old id-based URLs that redirect to them. The mbox is Patchwork's
 * {@code patch_to_mbox} document (R12.9), byte for byte, so {@code git am} applies it.
 */
package org.patchpipe.store.api.download;
