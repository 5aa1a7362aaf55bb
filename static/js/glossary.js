// Glossary terms: a linked term opens its short definition in place, in a small popover.
// Without this file each term is a plain link to its glossary page, and that stays true for a
// reader who opens it in a new tab (a modified click is left to the browser).
//
// The pattern, and why: the term stays a link (screen readers say "link", and it still has an
// address to open or share), marked aria-haspopup="dialog" and aria-expanded, with aria-controls
// naming the popover. Activating it (click, tap, or Enter, which is a click on a link) opens a
// non-modal role="dialog" named by the term (aria-labelledby) and described by the definition
// (aria-describedby), and focus moves to the dialog itself, so NVDA, JAWS and VoiceOver read
// "<term>, dialog, <definition>" straight away. A tooltip would not do: it is not read on touch
// screens, cannot hold a link, and depends on hover or focus. The popover is inserted right after
// the term, so Tab goes term → "More about" → Close → the rest of the sentence, as if it were
// part of the text; focus leaving it closes it. Escape, the Close button and clicking the term
// again close it and put focus back on the term; a click elsewhere closes it too, and focus goes
// back to the term whenever it would otherwise be lost.
//
// Definitions come from the page's own "Words used" list (.terms-used__item), so nothing is
// fetched. Position is set through CSS custom properties from this script (CSSOM is allowed by
// the Content Security Policy; style="" in markup is not) and kept inside the viewport.
(function () {
  "use strict";

  var uiText = window.carteducation.uiText; // static/js/ui-text.js: the page's words

  var GAP = 6; // px between the term and the popover
  var MARGIN = 8; // px kept free at the viewport's edges
  var popover = null;
  var trigger = null;
  var frame = 0;
  var ALWAYS = "always";
  var NEVER = "never";
  var IF_LOST = "if-lost";

  // The definition whose "More about" link has the term's own address. Matching whole addresses,
  // not a slug read out of them, works in every language (/glossary/cd19/, /es/glosario/cd19/).
  function definitionFor(link) {
    var address = link.getAttribute("href");
    var items = document.querySelectorAll(".terms-used__item");
    for (var i = 0; i < items.length; i++) {
      var more = items[i].querySelector(".terms-used__more");
      if (more && more.getAttribute("href") === address) return items[i];
    }
    return null;
  }

  function textOf(root, selector) {
    var element = root.querySelector(selector);
    return element ? element.textContent.trim() : "";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function buildPopover() {
    var box = element("div", "glossary-popover");
    box.id = "glossary-popover";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", "glossary-popover-title");
    box.setAttribute("aria-describedby", "glossary-popover-text");
    box.tabIndex = -1;
    box.hidden = true;
    var title = element("span", "glossary-popover__title");
    title.id = "glossary-popover-title";
    var text = element("span", "glossary-popover__text");
    text.id = "glossary-popover-text";
    var actions = element("span", "glossary-popover__actions");
    var more = element("a", "glossary-popover__more");
    // The glossary index until show() points it at a term: an <a> without href is no link at all,
    // and crawlers (and Lighthouse's SEO audit) count it as a broken one.
    more.setAttribute("href", "/glossary/");
    var close = element("button", "glossary-popover__close", uiText("close", "Close"));
    close.type = "button";
    close.appendChild(element("span", "visually-hidden", " " + uiText("closeWhat", "definition")));
    close.addEventListener("click", function () { hide(ALWAYS); });
    actions.appendChild(more);
    actions.appendChild(close);
    box.appendChild(title);
    box.appendChild(text);
    box.appendChild(actions);
    // Tab (or a click on another control) has taken focus on: close, and leave focus there. A
    // click on plain text moves focus to a container instead; the click handler deals with that.
    box.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && next !== trigger && !box.contains(next) && next.tabIndex >= 0) hide(NEVER);
    });
    document.body.appendChild(box);
    return box;
  }

  function show(link, definition) {
    var name = textOf(definition, ".terms-used__term") || link.textContent.trim();
    var more = popover.querySelector(".glossary-popover__more");
    popover.querySelector(".glossary-popover__title").textContent = name;
    popover.querySelector(".glossary-popover__text").textContent = textOf(definition, ".terms-used__short");
    more.textContent = uiText("moreAbout", "More about {term}", { term: name });
    more.setAttribute("href", link.getAttribute("href"));
    trigger = link;
    link.after(popover);
    popover.hidden = false;
    link.setAttribute("aria-expanded", "true");
    place(true);
    popover.focus({ preventScroll: true });
  }

  // focus: ALWAYS back to the term, NEVER (it has moved on by itself), or IF_LOST: back to the
  // term if it is in the popover being hidden, or nowhere a keyboard could have put it (the body,
  // or <main tabindex="-1"> after a click on plain text).
  function hide(focus) {
    if (!trigger) return;
    var link = trigger;
    var now = document.activeElement;
    var lost = !now || now === document.body || popover.contains(now) || now.tabIndex < 0;
    trigger = null;
    popover.hidden = true;
    link.setAttribute("aria-expanded", "false");
    if (focus === ALWAYS || (focus === IF_LOST && lost)) link.focus({ preventScroll: true });
  }

  function termBox() {
    var rects = trigger.getClientRects(); // a term that wraps has one box per line: use the first
    return rects.length ? rects[0] : trigger.getBoundingClientRect();
  }

  // Below the term when it fits, above it when that fits instead, and always inside the viewport:
  // on a 320px phone the popover is as wide as the screen allows and slides sideways to fit. When
  // it fits on neither side (a long definition on a short screen), the page first scrolls the term
  // up, so the definition sits under the word rather than on top of it.
  function place(opening) {
    if (!trigger) return;
    var rect = termBox();
    var viewWidth = document.documentElement.clientWidth;
    var viewHeight = document.documentElement.clientHeight;
    var width = popover.offsetWidth;
    var height = popover.offsetHeight;
    var fitsBelow = rect.bottom + GAP + height <= viewHeight - MARGIN;
    var fitsAbove = rect.top - GAP - height >= MARGIN;
    if (opening && !fitsBelow && !fitsAbove) {
      var needed = rect.bottom + GAP + height - (viewHeight - MARGIN);
      window.scrollBy(0, Math.min(needed, rect.top - MARGIN));
      rect = termBox();
      fitsBelow = rect.bottom + GAP + height <= viewHeight - MARGIN;
    }
    var left = Math.max(MARGIN, Math.min(rect.left, viewWidth - width - MARGIN));
    var top = fitsBelow || !fitsAbove ? rect.bottom + GAP : rect.top - GAP - height;
    // At the very end of the page, or scrolled so far that the term has left the screen: the
    // popover stays at the nearest edge of the viewport.
    top = Math.max(MARGIN, Math.min(top, viewHeight - height - MARGIN));
    popover.style.setProperty("--glossary-popover-left", Math.round(left) + "px");
    popover.style.setProperty("--glossary-popover-top", Math.round(top) + "px");
  }

  function placeSoon() {
    if (!trigger || frame) return;
    frame = window.requestAnimationFrame(function () {
      frame = 0;
      place();
    });
  }

  function onClick(event) {
    if (!popover) return;
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest ? event.target.closest("a.term") : null;
    var definition = link && definitionFor(link);
    if (definition) {
      event.preventDefault();
      var wasOpen = link === trigger;
      hide(wasOpen ? ALWAYS : NEVER);
      if (!wasOpen) show(link, definition);
      return;
    }
    if (trigger && !popover.contains(event.target)) hide(IF_LOST);
  }

  function onKeydown(event) {
    if (event.key === "Escape" && trigger) {
      hide(IF_LOST);
      event.preventDefault();
    }
  }

  function init() {
    var links = document.querySelectorAll("a.term");
    var enhanced = 0;
    for (var i = 0; i < links.length; i++) {
      if (!definitionFor(links[i])) continue;
      links[i].setAttribute("aria-haspopup", "dialog");
      links[i].setAttribute("aria-expanded", "false");
      links[i].setAttribute("aria-controls", "glossary-popover");
      enhanced++;
    }
    if (!enhanced) return;
    popover = buildPopover();
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKeydown);
    window.addEventListener("resize", placeSoon, { passive: true });
    window.addEventListener("scroll", placeSoon, { passive: true });
  }

  // A printed page ends with its definitions, opened by site.js (data-print-open): no popover.
  window.addEventListener("beforeprint", function () {
    if (popover) hide(NEVER);
  });

  init();
})();
