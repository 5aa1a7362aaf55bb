// The search page of the static copy of the site (manage.py export_site writes it). There is no
// server to ask, so this runs the server's own search in the browser (search-engine.js) over the
// index the export wrote, and shows what the server's page (articles/search.html) shows: the
// same results in the same order, the same "did you mean", pages of results reached by links
// (?q=…&page=2), the same words. The query comes from the address and never leaves the browser:
// only the index file is fetched.
//
// Everything is built with DOM methods: texts from the index go in as text, the words of the
// page come from the <template id="search-words"> the server rendered in the page's language,
// with their {placeholders} filled in as text or as an attribute, never parsed as HTML.
(function (site) {
  "use strict";

  var page = document.getElementById("search-page");
  if (!page || !page.dataset.searchIndex || !site.searchEngine) return;
  var answer = document.getElementById("search-answer");
  var status = document.getElementById("search-status");
  var words = document.getElementById("search-words").content;
  document.getElementById("search-needs-javascript").hidden = true;

  var address = new URLSearchParams(window.location.search);
  var raw = address.get("q") || "";
  var wanted = /^\d{1,5}$/.test((address.get("page") || "").trim()) ? Number(address.get("page")) : 1;
  var box = document.getElementById("search-page-q");
  if (box) box.value = raw.slice(0, Number(box.getAttribute("maxlength")) || 200);

  // A copy of one of the page's words, its {name}s filled from values (in text and in links).
  function word(name, values) {
    var element = words.querySelector('[data-word="' + name + '"]').cloneNode(true);
    element.removeAttribute("data-word");
    fill(element, values || {});
    return element;
  }
  function filled(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function fill(element, values) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      node.data = filled(node.data, values);
    }
    element.querySelectorAll("a[href]").forEach(function (link) {
      var encoded = {};
      Object.keys(values).forEach(function (key) { encoded[key] = encodeURIComponent(values[key]); });
      link.setAttribute("href", filled(link.getAttribute("href"), encoded));
    });
  }
  function text(name, values) { return word(name, values).textContent.trim(); }

  // [text, isMatch] pieces, the matches in <mark>.
  function appendPieces(parent, pieces) {
    pieces.forEach(function (piece) {
      var node = document.createTextNode(piece[0]);
      if (piece[1]) {
        var mark = document.createElement("mark");
        mark.appendChild(node);
        parent.appendChild(mark);
      } else {
        parent.appendChild(node);
      }
    });
  }
  function paragraph(className, pieces) {
    var element = document.createElement("p");
    element.className = className;
    if (pieces) appendPieces(element, pieces);
    return element;
  }

  // One result, as the server's template writes it.
  function resultItem(result) {
    var item = document.createElement("li");
    item.className = "search-result";
    var title = document.createElement("h3");
    title.className = "search-result__title";
    var link = document.createElement("a");
    link.href = result.url;
    appendPieces(link, result.title);
    title.appendChild(link);
    item.appendChild(title);
    var where = paragraph("search-result__where");
    where.appendChild(document.createTextNode(result.document.context));
    if (result.heading.length) {
      where.appendChild(document.createTextNode(" · " + text("under") + " “"));
      appendPieces(where, result.heading);
      where.appendChild(document.createTextNode("”"));
    }
    item.appendChild(where);
    if (result.alsoCalled.length) {
      var also = paragraph("search-result__also");
      also.appendChild(document.createTextNode(text("also-called") + " "));
      result.alsoCalled.forEach(function (name, position) {
        if (position) also.appendChild(document.createTextNode(", "));
        appendPieces(also, name);
      });
      item.appendChild(also);
    }
    item.appendChild(paragraph("search-result__summary", result.summary));
    return item;
  }

  function pagesNav(found, query) {
    var nav = word("pages", {
      page: found.page, pages: found.pages, link: query, previous: found.page - 1, next: found.page + 1,
    });
    if (found.page <= 1) nav.querySelector(".search-pages__previous").remove();
    if (found.page >= found.pages) nav.querySelector(".search-pages__next").remove();
    return nav;
  }

  function show(found, rules) {
    var query = found.query;
    if (query.truncated) answer.appendChild(word("truncated", { max: rules.MAX_QUERY_LENGTH }));
    if (!query.words.length) {
      if (query.text) answer.appendChild(word("no-words", { query: query.text }));
      document.getElementById("search-help").hidden = false;
      status.textContent = "";
      return;
    }
    if (found.suggestion) {
      var offer = { query: query.text, suggestion: found.suggestion, link: found.suggestion };
      answer.appendChild(word(found.corrected ? "corrected" : "did-you-mean", offer));
    }
    var shown = found.corrected ? found.suggestion : query.text;
    var heading = document.createElement("h2");
    heading.id = "results-heading";
    heading.className = "search-summary";
    heading.textContent = !found.results.length ? text("results-0", { query: shown })
      : found.total === 1 ? text("results-1", { query: shown })
      : text("results-2", { query: shown }).replace("2", String(found.total));
    answer.appendChild(heading);
    if (found.partial) answer.appendChild(word("partial"));
    if (found.results.length) {
      var list = document.createElement("ol");
      list.className = "search-results";
      list.setAttribute("aria-labelledby", "results-heading");
      if (found.start > 1) list.start = found.start;
      found.results.forEach(function (result) { list.appendChild(resultItem(result)); });
      answer.appendChild(list);
      if (found.pages > 1) answer.appendChild(pagesNav(found, query.text));
    } else {
      document.getElementById("search-none").hidden = false;
    }
    status.textContent = heading.textContent;
  }

  function failed() {
    status.textContent = "";
    answer.textContent = "";
    document.getElementById("search-failed").hidden = false;
  }

  if (!raw.trim()) {
    document.getElementById("search-help").hidden = false;
    return;
  }
  status.textContent = text("searching");
  fetch(page.dataset.searchIndex, { credentials: "same-origin" }).then(function (response) {
    if (!response.ok) throw new Error("no index");
    return response.json();
  }).then(function (data) {
    var engine = site.searchEngine(data);
    show(engine.search(raw, wanted), engine.rules);
  }).catch(failed);
})(Object.prototype.hasOwnProperty.call(window, "carteducation") ? window.carteducation : {});
