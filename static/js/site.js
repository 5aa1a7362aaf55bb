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

  // The language switch keeps the reader's place (carteducation/counterparts.py): the heading
  // of the other page paired with the part the reader was reading, and, on a copy of the site
  // with no server (where the link cannot carry it), the search. The part is the one whose heading
  // the reader stopped under for a moment (or the one the address named): scrolling back up to
  // the switch passes other headings and reaches the top, and neither is where they were.
  var switches = document.querySelectorAll(".language-switch a");
  var pairs = {};
  switches.forEach(function (link) {
    try { Object.assign(pairs, JSON.parse(link.getAttribute("data-headings") || "{}")); } catch (error) {}
  });
  var headings = Array.prototype.filter.call(
    document.querySelectorAll("main h2[id], main h3[id], main h4[id]"),
    function (heading) { return pairs[heading.id]; });
  // The id a "#..." names. An address may carry any bytes after its "#": one that is not valid
  // percent-encoding names nothing, and must not stop the rest of this file.
  function idFrom(fragment) {
    try { return decodeURIComponent(fragment.slice(1)); } catch (error) { return ""; }
  }
  var hash = idFrom(window.location.hash);
  var place = pairs[hash] ? hash : null, seen = null, dwell = 0;
  // The heading the address named, while it is still on the screen (near the end of a page the
  // browser cannot bring it to the top, and the heading above it is the one at the top).
  function named() {
    var heading = place === hash ? document.getElementById(hash) : null;
    if (!heading) return false;
    var top = heading.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight;
  }
  function headingInView() {
    var found = null;
    headings.forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= window.innerHeight * 0.25) found = heading.id;
    });
    return found;
  }
  if (headings.length) {
    window.addEventListener("scroll", function () {
      var now = headingInView();
      if (now === seen) return;
      seen = now;
      window.clearTimeout(dwell);
      if (now) dwell = window.setTimeout(function () { if (!named()) place = now; }, 800);
    }, { passive: true });
  }
  function keepPlace(link) {
    var address = new URL(link.getAttribute("href"), window.location.href);
    if (link.hasAttribute("data-keeps-query") && !address.search) {
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) address.search = "?" + new URLSearchParams({ q: query }).toString();
    }
    var own = {};
    try { own = JSON.parse(link.getAttribute("data-headings") || "{}"); } catch (error) {}
    address.hash = place && own[place] ? own[place] : "";
    link.setAttribute("href", address.pathname + address.search + address.hash);
  }
  switches.forEach(function (link) {
    ["click", "auxclick", "focus", "mouseenter"].forEach(function (name) {
      link.addEventListener(name, function () { keepPlace(link); });
    });
  });

  // A table wider than the screen scrolls in its own box (.table-wrap, added when the Markdown is
  // rendered). A keyboard can scroll only a box that takes focus, and a screen reader should hear
  // what that stop is, so a box that scrolls gets both; one that fits gets neither. Its name
  // says which table it is (the heading above it), so two on one page are told apart.
  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".heading-link").forEach(function (link) { link.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }
  function markScrollingTables() {
    var heading = "";
    var names = {};
    document.querySelectorAll("h1, h2, h3, h4, .table-wrap").forEach(function (box) {
      if (!box.classList.contains("table-wrap")) {
        heading = headingText(box);
        return;
      }
      // Measuring a box in a part not laid out yet would lay it out now: it is done once all are.
      if (box.closest("[data-later]")) return;
      if (box.scrollWidth > box.clientWidth + 1) {
        var name = uiText("tableScrolls", "Table, scrolls sideways") + (heading ? ": " + heading : "");
        names[name] = (names[name] || 0) + 1;
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", names[name] > 1 ? name + " (" + names[name] + ")" : name);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  markScrollingTables();

  // The one-page view's later parts (site.css, [data-later]): once the page has painted, each is
  // laid out in a frame of its own, in order, so the browser never stops for the whole article at
  // once, and within a moment every part is in place, as on any page (the scroll bar, a search
  // in the page, and the tables' names above).
  var later = Array.prototype.slice.call(document.querySelectorAll("[data-later]"));
  function layOutNext() {
    var part = later.shift();
    if (!part) {
      markScrollingTables();
      return;
    }
    part.removeAttribute("data-later");
    window.requestAnimationFrame(function () { window.setTimeout(layOutNext, 0); });
  }
  if (later.length) window.requestAnimationFrame(function () { window.setTimeout(layOutNext, 0); });
  // An address or a link naming a place in a later part: every part up to that one is laid out
  // at once, so the place is where it will stay. A browser that keeps the reader's place while
  // the parts above it grow (scroll anchoring) would manage without; Safari before 27 has none.
  function layOutUpTo(id) {
    var target = id && document.getElementById(id);
    if (!target || !later.length) return false;
    var reach = Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY;
    later = later.filter(function (part) {
      if (part !== target && !(part.compareDocumentPosition(target) & reach)) return true;
      part.removeAttribute("data-later");
      return false;
    });
    return true;
  }
  if (layOutUpTo(hash)) document.getElementById(hash).scrollIntoView();
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) layOutUpTo(idFrom(link.getAttribute("href")));
  });

  // Folded lists: the one-page view's sources (templates/_partials/sources.html) open when a
  // link leads into them (a citation), where the browser does not open them itself; and every
  // list marked data-print-open is open on paper (print.css also shows them without this file).
  function openFoldAround(id) {
    var target = id && document.getElementById(id);
    var fold = target && target.closest("details:not([open])");
    if (fold) fold.open = true;
    return fold;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) openFoldAround(idFrom(link.getAttribute("href")));
  });
  if (openFoldAround(hash)) document.getElementById(hash).scrollIntoView();
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(
      document.querySelectorAll("details[data-print-open]:not([open])"),
      function (details) { details.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

  var resizing = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(markScrollingTables, 150);
  }, { passive: true });
})();
