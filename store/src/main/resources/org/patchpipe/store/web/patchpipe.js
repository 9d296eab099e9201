/* patchpipe's pages, enhanced: live updates over Server-Sent Events and keyboard shortcuts for
 * triage. Every page works without it. No framework, nothing fetched but this server's pages.
 *
 * Live: an element with data-live-project="<linkname>" (or data-live-patch="<id>") subscribes to
 * /api/1.3/events/stream/ under that filter; on each event the page is fetched again and every
 * element marked data-live-swap (by id) is replaced by the new one, and a notice counts the news.
 * Shortcuts: j/k move the highlighted row of a table marked data-shortcut-rows, Enter or o opens
 * it, x ticks its checkbox; where a form[data-shortcut-state] with a select[name=state] exists,
 * a state's key (an option's data-key, else the first letter free among the states) sets it. */
(function () {
  "use strict";
  var doc = document;

  /* ---- live updates ---- */
  var root = doc.querySelector("[data-live-project], [data-live-patch]");
  var news = 0, timer = null, busy = false, again = false, notice = null;

  function streamUrl(el) {
    var patch = el.getAttribute("data-live-patch");
    var q = patch ? "patch=" + encodeURIComponent(patch)
      : "project=" + encodeURIComponent(el.getAttribute("data-live-project"));
    return "/api/1.3/events/stream/?" + q;
  }

  function showNotice() {
    if (!notice) {
      notice = doc.createElement("p");
      notice.className = "live-notice";
      notice.setAttribute("role", "status");
      notice.addEventListener("click", function () { news = 0; notice.hidden = true; });
      root.insertBefore(notice, root.firstChild);
    }
    notice.textContent = news + (news === 1 ? " update" : " updates") + " since this page loaded";
    notice.hidden = false;
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var current = currentHref();
        doc.querySelectorAll("[data-live-swap][id]").forEach(function (old) {
          var next = fresh.getElementById(old.id), focus = doc.activeElement;
          /* Never under the user's typing; the next update tries again. */
          if (!next || (focus && focus !== doc.body && old.contains(focus) && /^(INPUT|TEXTAREA|SELECT)$/.test(focus.tagName))) {
            return;
          }
          next = doc.importNode(next, true);
          /* Keep the rows the user ticked for a bulk action. */
          old.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
            next.querySelectorAll("input[type=checkbox]").forEach(function (b) {
              if (b.name === box.name && b.value === box.value) { b.checked = true; }
            });
          });
          old.replaceWith(next);
        });
        rows(); select(indexOfHref(current), false);
        showNotice();
        doc.dispatchEvent(new CustomEvent("patchpipe:updated"));
      })
      .catch(function () { /* the next event tries again */ })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }

  if (root && window.EventSource && window.fetch && window.DOMParser) {
    var source = new EventSource(streamUrl(root));
    source.onopen = function () { root.setAttribute("data-live-state", "open"); };
    source.onerror = function () { root.setAttribute("data-live-state", "reconnecting"); };
    source.onmessage = function () {
      news++;
      clearTimeout(timer);
      /* A series arrives as a burst of events: one fetch after it settles. */
      timer = setTimeout(refresh, 300);
    };
    window.addEventListener("pagehide", function () { source.close(); });
  }

  /* ---- keyboard shortcuts ---- */
  var list = [], at = -1;

  function rows() {
    var table = doc.querySelector("[data-shortcut-rows]");
    list = table ? Array.prototype.slice.call(table.querySelectorAll("tbody tr")) : [];
    return list;
  }

  function currentHref() {
    var link = at >= 0 && list[at] && list[at].querySelector("a[href]");
    return link ? link.getAttribute("href") : null;
  }

  function indexOfHref(href) {
    if (href === null) { return -1; }
    for (var i = 0; i < list.length; i++) {
      var link = list[i].querySelector("a[href]");
      if (link && link.getAttribute("href") === href) { return i; }
    }
    return -1;
  }

  function select(i, scroll) {
    list.forEach(function (tr) { tr.classList.remove("current"); tr.removeAttribute("aria-current"); });
    at = i < 0 || !list.length ? -1 : Math.min(i, list.length - 1);
    if (at >= 0) {
      list[at].classList.add("current");
      list[at].setAttribute("aria-current", "true");
      if (scroll) { list[at].scrollIntoView({ block: "nearest" }); }
    }
  }

  function stateKeys(form) {
    var keys = {}, select = form.querySelector("select[name=state]");
    if (!select) { return keys; }
    Array.prototype.forEach.call(select.options, function (o) {
      var k = (o.getAttribute("data-key") || "").toLowerCase();
      if (!k) {
        var letters = o.text.toLowerCase().replace(/[^a-z]/g, "");
        for (var i = 0; i < letters.length && !k; i++) {
          if (!keys[letters[i]] && "jkoxq".indexOf(letters[i]) < 0) { k = letters[i]; }
        }
      }
      if (k && !keys[k]) { keys[k] = o.value; }
    });
    return keys;
  }

  function setState(form, value) {
    form.querySelector("select[name=state]").value = value;
    var box = at >= 0 && list[at].querySelector("input[type=checkbox]");
    if (box && !form.querySelector("input[type=checkbox]:checked")) { box.checked = true; }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  doc.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented
        || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName)))) {
      return;
    }
    var key = e.key === "Enter" ? "enter" : e.key.toLowerCase();
    rows();
    if (at >= list.length) { at = -1; }
    if (key === "j" || key === "k") {
      if (!list.length) { return; }
      select(at < 0 ? 0 : Math.max(0, at + (key === "j" ? 1 : -1)), true);
    } else if ((key === "enter" || key === "o") && at >= 0) {
      var link = list[at].querySelector("a[href]");
      if (!link) { return; }
      location.href = link.href;
    } else if (key === "x" && at >= 0) {
      var box = list[at].querySelector("input[type=checkbox]");
      if (!box) { return; }
      box.checked = !box.checked;
    } else {
      var form = doc.querySelector("form[data-shortcut-state]");
      var value = form && stateKeys(form)[key];
      if (!value) { return; }
      setState(form, value);
    }
    e.preventDefault();
  });
}());
