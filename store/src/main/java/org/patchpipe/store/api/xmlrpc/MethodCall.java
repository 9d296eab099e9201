package org.patchpipe.store.api.xmlrpc;

import java.util.Collections;
import java.util.List;

/**
 * One decoded {@code <methodCall>}: the method's name and its parameters as
 * {@link XmlRpcReader} maps the XML-RPC types to Java (nil to null, hence the unmodifiable view
 * rather than {@link List#copyOf}). Immutable.
 *
 * @param method the {@code <methodName>}
 * @param params the {@code <param>} values, in order
 */
public record MethodCall(String method, List<Object> params) {
  public MethodCall {
    params = Collections.unmodifiableList(new java.util.ArrayList<>(params));
  }
}
