/* BASS Ambitions – the few things a page needs a script for. Every page works without it:
   this only keeps typed text from being lost, keeps the keyboard focus where the work is
   after an in-place (HTMX) update, and reads notices out to screen readers.
   Loaded with `defer` from base.html; no inline script, so a strict Content-Security-Policy
   can forbid them. */
(function () {
  "use strict";

  /* 1. Typed text: a form that differs from what the server sent is "dirty". Leaving the
     page with a dirty form asks first (the browser's own "leave the page?" prompt). */
  var submitting = false;

  function isDirty(form) {
    if (form.hasAttribute("data-no-guard")) {
      return false;
    }
    var fields = form.elements;
    for (var i = 0; i < fields.length; i += 1) {
      var field = fields[i];
      if (field.type === "hidden" || field.type === "submit" || field.type === "button") {
        continue;
      }
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked !== field.defaultChecked) {
          return true;
        }
      } else if (field.tagName === "SELECT") {
        for (var j = 0; j < field.options.length; j += 1) {
          if (field.options[j].selected !== field.options[j].defaultSelected) {
            return true;
          }
        }
      } else if ("defaultValue" in field && field.value !== field.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function dirtyForms() {
    return Array.prototype.filter.call(
      document.querySelectorAll("form[method='post'], form[method='POST']"),
      isDirty
    );
  }

  document.addEventListener("submit", function (event) {
    // A plain submit leaves the page on purpose; one that HTMX handles in place (and so
    // prevents the default) does not, so the guard stays.
    submitting = !event.defaultPrevented;
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || dirtyForms().length === 0) {
      return undefined;
    }
    event.preventDefault();
    event.returnValue = "";
    return "";
  });

  /* 1b. A draft of every text area in an open editor is kept in the browser (localStorage)
     while it differs from the saved text, and offered back when the same editor is opened
     again – after a crash, an expired session or a "leave anyway". Saving clears it. */
  var DRAFT = "bass-draft:";

  /* A form's identity is where it posts and what its hidden fields say (a reply names the
     comment it answers), so a reply and a new comment on the same thread keep apart. */
  function formKey(form) {
    var hidden = Array.prototype.filter.call(form.elements, function (field) {
      return field.type === "hidden" && field.name && field.name !== "csrfmiddlewaretoken";
    }).map(function (field) { return field.name + "=" + field.value; });
    return (form.getAttribute("action") || form.getAttribute("hx-post") || location.pathname) +
      (hidden.length ? "?" + hidden.join("&") : "");
  }

  function draftKey(field) {
    return DRAFT + formKey(field.form) + "#" + field.name;
  }

  function guarded(field) {
    return field.form && /post/i.test(field.form.getAttribute("method") || "") &&
      !field.form.hasAttribute("data-no-guard");
  }

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    var store = storage();
    if (!store || field.tagName !== "TEXTAREA" || !guarded(field)) {
      return;
    }
    if (field.value === field.defaultValue) {
      store.removeItem(draftKey(field));
    } else {
      store.setItem(draftKey(field), JSON.stringify({ text: field.value, at: Date.now() }));
    }
  });

  function forgetDrafts(form) {
    var store = storage();
    if (!store) {
      return;
    }
    form.querySelectorAll("textarea").forEach(function (field) {
      store.removeItem(draftKey(field));
    });
  }

  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) {
      forgetDrafts(event.target);  // a plain post: the server has the text now
    }
  });

  /* An in-place save swaps the form away, and an event on an element that is no longer in
     the page never reaches the document; so the drafts are settled on htmx:beforeSwap, which
     fires on the target while the form is still there. A 2xx answer saved the text unless
     it puts the same text back into the same field (the form again, with its errors). */
  function keptInAnswer(field, answer) {
    if (typeof answer !== "string" || answer.indexOf("<textarea") === -1) {
      return false;
    }
    var parsed = new DOMParser().parseFromString(answer, "text/html");
    return Array.prototype.some.call(
      parsed.querySelectorAll("textarea[name='" + CSS.escape(field.name) + "']"),
      function (other) { return other.value === field.value && field.value !== ""; }
    );
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    // detail.elt is the target here; the element that made the request is in its config.
    var elt = detail.requestConfig && detail.requestConfig.elt;
    var form = elt && (elt.tagName === "FORM" ? elt : elt.form || elt.closest("form"));
    var store = storage();
    if (!store || !form || detail.isError || !detail.xhr ||
        detail.xhr.status < 200 || detail.xhr.status > 299) {
      return;
    }
    form.querySelectorAll("textarea").forEach(function (field) {
      if (!keptInAnswer(field, detail.serverResponse)) {
        store.removeItem(draftKey(field));
      }
    });
  });

  function offerDrafts(root) {
    var store = storage();
    var words = document.body.dataset;
    if (!store || !words.draftOffer) {
      return;
    }
    root.querySelectorAll("textarea").forEach(function (field) {
      if (!guarded(field) || field.hasAttribute("data-draft-offered")) {
        return;
      }
      var raw = store.getItem(draftKey(field));
      var draft = null;
      try { draft = raw && JSON.parse(raw); } catch (error) { draft = null; }
      if (!draft || !draft.text || draft.text === field.value) {
        return;
      }
      field.setAttribute("data-draft-offered", "");
      var notice = document.createElement("div");
      notice.className = "message message--warning draft-offer";
      notice.setAttribute("data-announce", "");
      var text = document.createElement("p");
      text.textContent = words.draftOffer.replace(
        // As the server writes a time (bass/formats/da): "5. december 2026 kl. 14.07".
        "{when}", new Date(draft.at).toLocaleString(document.documentElement.lang || "da", {
          dateStyle: "long",
          timeStyle: "short",
        })
      );
      var use = document.createElement("button");
      use.type = "button";
      use.className = "button button--quiet";
      use.textContent = words.draftUse;
      var drop = document.createElement("button");
      drop.type = "button";
      drop.className = "button button--quiet";
      drop.textContent = words.draftDrop;
      use.addEventListener("click", function () {
        field.value = draft.text;
        notice.remove();
        field.focus();
      });
      drop.addEventListener("click", function () {
        store.removeItem(draftKey(field));
        notice.remove();
        field.focus();
      });
      notice.appendChild(text);
      notice.appendChild(use);
      notice.appendChild(document.createTextNode(" "));
      notice.appendChild(drop);
      field.parentNode.insertBefore(notice, field);
    });
  }

  /* 2. Notices that arrive with an in-place update: their words are copied into the page's
     live region (#live-status), which screen readers announce. */
  function announce(root) {
    var region = document.getElementById("live-status");
    if (!region) {
      return;
    }
    var notices = Array.prototype.filter.call(
      root.querySelectorAll("[data-announce]:not([data-announced])"),
      function (notice) { return !notice.closest("[data-live-messages]"); }
    );
    var text = notices.map(function (notice) {
      notice.setAttribute("data-announced", "");
      return notice.textContent.replace(/\s+/g, " ").trim();
    }).join(" ");
    if (text) {
      region.textContent = "";
      // A short pause, so the change is heard as new even when the words are the same.
      window.setTimeout(function () { region.textContent = text; }, 100);
    }
  }

  /* 3. Focus after an in-place update. The server marks the element to go to with
     data-focus-after-swap; without a mark, focus returns to the element the request came
     from (found again by its id, e.g. the challenge card), or else the updated region.
     Focus only moves for the person's own step: when the element they were on was swapped
     away, or when the request came from where their focus was (a click, a submit). A
     request the page makes by itself (the menu's unread count, a thread loaded into place,
     a job polling) never takes the focus from where the person put it – nor from the skip
     link on a page just loaded. Each request keeps its own state, so two at once do not mix. */
  var requests = new WeakMap();

  function focusable(element) {
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    return element;
  }

  function headingOf(element) {
    if (/^H[1-6]$/.test(element.tagName)) {
      return element;
    }
    return element.querySelector("h1, h2, h3, h4, h5, h6") || element;
  }

  function clearMarks() {
    document.querySelectorAll("[data-focus-after-swap]").forEach(function (element) {
      element.removeAttribute("data-focus-after-swap");
    });
  }

  function moveFocus(state, target) {
    var marked = document.querySelector("[data-focus-after-swap]");
    var destination = null;
    if (marked) {
      destination = marked;
    } else if (state.origin && document.getElementById(state.origin)) {
      destination = headingOf(document.getElementById(state.origin));
    } else if (target && target.isConnected) {
      destination = headingOf(target);
    }
    if (destination) {
      focusable(destination).focus();
    }
  }

  function firstInvalid(state, target) {
    var regions = [
      target && target.isConnected ? target : null,
      state.origin ? document.getElementById(state.origin) : null
    ];
    for (var i = 0; i < regions.length; i += 1) {
      var field = regions[i] && regions[i].querySelector('[aria-invalid="true"]');
      if (field) {
        return field;
      }
    }
    return null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var active = document.activeElement;
    // The nearest region with an id (a part, a challenge card), never the whole page.
    var from = elt.closest("[id]:not(main):not(body)");
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    requests.set(event.detail.xhr, {
      origin: from ? from.id : null,
      // The person's own step: the focus was on (or in) what made the request, or the
      // request answers a click or a submit.
      own: Boolean(
        (active && active !== document.body && (elt.contains(active) || active.contains(elt))) ||
        (trigger && /^(click|submit|change|keyup|keydown)$/.test(trigger.type) && trigger.isTrusted)
      ),
      focused: null
    });
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var state = requests.get(event.detail.xhr);
    if (state) {
      state.focused = document.activeElement;
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var state = requests.get(event.detail.xhr);
    if (state && !state.settled) {
      state.settled = true;
      var before = state.focused;
      var lost = Boolean(before && before !== document.body && !before.isConnected);
      var marked = document.querySelector("[data-focus-after-swap]");
      // A field of the new content that htmx focused (autofocus) is where the step goes on.
      var now = document.activeElement;
      var placed = Boolean(now && now !== document.body && now.isConnected && now !== before);
      // A form sent back with errors: the person goes on at the first field to put right,
      // scrolled into view (the errors were off screen and not focused).
      var invalid = state.own ? firstInvalid(state, event.detail.target) : null;
      if (invalid) {
        invalid.focus({ preventScroll: true });
        invalid.scrollIntoView({ block: "center" });
      } else if ((state.own && marked) || (lost && !placed)) {
        moveFocus(state, event.detail.target);
      }
    }
    clearMarks();
    offerDrafts(document);
    // A boosted form (submit, revision) swaps in a whole page with its own messages.
    document.querySelectorAll("[data-live-messages]").forEach(function (box) {
      if (box.querySelector(":scope > :not([data-announced])")) {
        reannounce(box);
      }
    });
    announce(document);
  });

  /* A page loaded whole (after a plain form post) has its messages in live regions from the
     start, which screen readers do not read out; taking them out and putting them back a
     moment later makes them news. */
  function reannounce(box) {
    var notices = Array.prototype.slice.call(box.children);
    notices.forEach(function (notice) {
      notice.setAttribute("data-announced", "");
      box.removeChild(notice);
    });
    window.setTimeout(function () {
      notices.forEach(function (notice) { box.appendChild(notice); });
    }, 100);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focus-after-swap]").forEach(function (element) {
      element.removeAttribute("data-focus-after-swap");
    });
    document.querySelectorAll("[data-live-messages]").forEach(reannounce);
    offerDrafts(document);
  });
}());
