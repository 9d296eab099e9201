/**
 * Server-Sent Events over the API server's streaming answers: a hub of bounded subscribers that
 * writes on its own threads, with heartbeats, dropping clients that are gone or do not keep up.
 */
package org.patchpipe.store.api.sse;
