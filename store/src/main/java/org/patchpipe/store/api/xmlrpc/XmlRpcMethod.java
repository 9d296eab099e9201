package org.patchpipe.store.api.xmlrpc;

import java.util.List;
import org.patchpipe.store.api.ApiUser;

/**
 * One method of Patchwork's dispatcher: its signature and whether it needs a login
 * ({@code @xmlrpc_method(login_required=True)}), and its body. Immutable.
 *
 * @param signature the Python signature, {@code user} first where a login is required
 * @param loginRequired whether the caller must authenticate with HTTP Basic
 * @param body what the method does
 */
record XmlRpcMethod(PythonSignature signature, boolean loginRequired, Body body) {
  /** A method's work: the bound arguments (without the user) to a value {@link XmlRpcWriter} can encode. */
  @FunctionalInterface
  interface Body {
    Object call(ApiUser user, List<Object> args);
  }

  /** A method anyone may call. */
  static XmlRpcMethod open(PythonSignature signature, Body body) {
    return new XmlRpcMethod(signature, false, body);
  }

  /** A method for an authenticated user, who comes first in its Python signature. */
  static XmlRpcMethod login(PythonSignature signature, Body body) {
    return new XmlRpcMethod(signature, true, body);
  }

  String name() {
    return signature.name();
  }

  /** Runs the method; {@code user} is null for an open method. */
  Object call(ApiUser user, List<Object> params) {
    if (loginRequired) {
      List<Object> withUser = new java.util.ArrayList<>();
      withUser.add(user);
      withUser.addAll(params);
      return body.call(user, signature.bind(withUser).subList(1, signature.params().size()));
    }
    return body.call(null, signature.bind(params));
  }
}
