// Small enhancements; every page works without this file.
(function () {
  "use strict";

  var uiText = window.carteducation.uiText; // static/js/ui-text.js: the page's words

  // Controls that only work with JavaScript start hidden; text meant for readers without it goes.
  document.querySelectorAll(".js-only[hidden]").forEach(function (element) { element.hidden = false; });
  document.querySelectorAll(".no-js-only").forEach(function (element) { element.hidden = true; });

  function announce(message) {
    var status = document.getElementById("copy-status");
    if (!status) {
      status = document.createElement("p");
      status.id = "copy-status";
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  // The public address of this page, from its canonical link, so a copied link works for anyone
  // even when the page was opened through another host name.
  function publicUrl(hash) {
    var canonical = document.querySelector("link[rel=canonical]");
    var url = new URL(canonical ? canonical.href : window.location.href);
    url.hash = hash || "";
    return url.href;
  }

  function copy(url, shown) {
    if (!navigator.clipboard || !window.isSecureContext) return false;
    navigator.clipboard.writeText(url).then(function () {
      if (shown) {
        shown.classList.add("is-copied");
        window.setTimeout(function () { shown.classList.remove("is-copied"); }, 2500);
      }
      announce(uiText("linkCopied", "Link copied"));
    }, function () {});
    return true;
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    // "Copy link" on a heading: without JavaScript (or a clipboard) it is a plain link to the
    // heading, which also puts the address in the address bar.
    var link = target.closest("a.heading-link");
    if (link) {
      copy(publicUrl(link.getAttribute("href")), link);
      return;
    }
    var button = target.closest("button.copy-page-link");
    if (button) {
      if (!copy(button.getAttribute("data-url") || publicUrl(), button)) {
        announce(uiText("linkNotCopied", "Your browser did not let us copy. Copy the address from the address bar."));
      }
      return;
    }
    var copyText = target.closest("button.copy-text");
    if (copyText) {
      var source = document.getElementById(copyText.getAttribute("data-source"));
      if (!source || !navigator.clipboard || !window.isSecureContext) {
        if (source) source.select();
        announce(uiText("textNotCopied", "Your browser did not let us copy. The text is selected: copy it with your keyboard."));
        return;
      }
      navigator.clipboard.writeText(source.value).then(function () {
        announce(uiText("textCopied", "Text copied"));
      }, function () {});
      return;
    }
    if (target.closest("button[data-print]")) window.print();
  });

  // A table wider than the screen scrolls in its own box (.table-wrap, added when the Markdown is
  // rendered). A keyboard can scroll only a box that takes focus, and a screen reader should hear
  // what that stop is, so a box that scrolls gets both; one that fits gets neither.
  function markScrollingTables() {
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", uiText("tableScrolls", "Table, scrolls sideways"));
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  markScrollingTables();
  var resizing = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(markScrollingTables, 150);
  }, { passive: true });
})();
