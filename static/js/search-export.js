// Search on the static copy of the site (manage.py export_site writes it). There is no server to
// ask, so this searches the Pagefind index the export built, in the browser: the query comes from
// the address (?q=, as on the server's search page), and only the index files are fetched, never
// the query itself. Pagefind picks the index of the page's language from <html lang>.
//
// Results are built with DOM methods: every text from the index goes in as text, and the <mark>s
// of an excerpt are made here, never by parsing HTML. Pagefind compiles WebAssembly, which the
// export's _headers allows on the search pages only ('wasm-unsafe-eval').
(function () {
  "use strict";

  var uiText = window.carteducation.uiText; // static/js/ui-text.js: the page's words

  var page = document.getElementById("search-page");
  if (!page || !page.dataset.pagefindBundle) return;
  var MAX_QUERY_LENGTH = 200; // as the search box's maxlength
  var PER_PAGE = 10;
  var SUB_RESULTS = 3; // headings shown under a result: enough to point, few enough to scan

  var heading = document.getElementById("results-heading");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var moreRow = document.getElementById("search-more-row");
  var more = document.getElementById("search-more");
  document.getElementById("search-needs-javascript").hidden = true;

  var query = (new URLSearchParams(window.location.search).get("q") || "")
    .trim().slice(0, MAX_QUERY_LENGTH);
  var box = document.getElementById("search-page-q");
  if (box) box.value = query;
  if (!query) {
    document.getElementById("search-help").hidden = false;
    return;
  }
  status.textContent = uiText("searching", "Searching…");

  // Pagefind's excerpts are text with its <mark> tags around the words found, the text's own
  // &, < and > written as entities. Split at the tags, decode those entities, add text nodes.
  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };
  function decoded(text) {
    return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (entity) { return ENTITIES[entity]; });
  }
  function appendExcerpt(parent, excerpt) {
    var marked = false;
    String(excerpt || "").split(/(<\/?mark>)/).forEach(function (piece) {
      if (piece === "<mark>" || piece === "</mark>") {
        marked = piece === "<mark>";
        return;
      }
      if (!piece) return;
      var text = document.createTextNode(decoded(piece));
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        parent.appendChild(mark);
      } else {
        parent.appendChild(text);
      }
    });
  }

  // Only addresses on this site: an index is data, and a link out of it would be a surprise.
  function sameSite(url) {
    var address = new URL(url, window.location.href);
    return address.origin === window.location.origin ? address.pathname + address.hash : null;
  }

  function resultItem(data) {
    var url = sameSite(data.url);
    if (!url) return null;
    var item = document.createElement("li");
    item.className = "search-result";
    var title = document.createElement("h3");
    title.className = "search-result__title";
    var link = document.createElement("a");
    link.href = url;
    link.textContent = (data.meta && data.meta.title) || url;
    title.appendChild(link);
    item.appendChild(title);
    var summary = document.createElement("p");
    summary.className = "search-result__summary";
    appendExcerpt(summary, data.excerpt);
    item.appendChild(summary);
    // The headings the words are under: Pagefind's sub-results, less the page's own top part.
    var parts = (data.sub_results || []).filter(function (part) {
      return part.url && part.url.indexOf("#") !== -1 && part.title && part.title !== link.textContent;
    }).slice(0, SUB_RESULTS);
    if (parts.length) {
      var partList = document.createElement("ul");
      partList.className = "search-result__parts";
      parts.forEach(function (part) {
        var partUrl = sameSite(part.url);
        if (!partUrl) return;
        var partItem = document.createElement("li");
        var partLink = document.createElement("a");
        partLink.href = partUrl;
        partLink.textContent = part.title;
        partItem.appendChild(partLink);
        var partExcerpt = document.createElement("span");
        partExcerpt.className = "search-result__where";
        partExcerpt.appendChild(document.createTextNode(" · "));
        appendExcerpt(partExcerpt, part.excerpt);
        partItem.appendChild(partExcerpt);
        partList.appendChild(partItem);
      });
      item.appendChild(partList);
    }
    return item;
  }

  function showSummary(total) {
    var text;
    if (total === 0) text = uiText("searchNone", "No results for “{query}”", { query: query });
    else if (total === 1) text = uiText("searchOne", "1 result for “{query}”", { query: query });
    else text = uiText("searchMany", "{count} results for “{query}”", { count: total, query: query });
    heading.textContent = text;
    heading.hidden = false;
    status.textContent = text;
    document.getElementById("search-none").hidden = total !== 0;
  }

  function failed() {
    status.textContent = "";
    document.getElementById("search-failed").hidden = false;
  }

  import(page.dataset.pagefindBundle + "pagefind.js").then(function (pagefind) {
    return pagefind.search(query);
  }).then(function (search) {
    var results = (search && search.results) || [];
    var shown = 0;

    function showMore() {
      var next = results.slice(shown, shown + PER_PAGE);
      shown += next.length;
      moreRow.hidden = true;
      return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
        var first = null;
        pages.forEach(function (data) {
          var item = resultItem(data);
          if (item) {
            list.appendChild(item);
            first = first || item;
          }
        });
        list.hidden = list.children.length === 0;
        if (shown < results.length) {
          more.textContent = uiText("searchMore", "Show more results");
          moreRow.hidden = false;
        }
        return first;
      });
    }

    more.addEventListener("click", function () {
      showMore().then(function (first) {
        // Keyboard and screen-reader users land on the first new result, not back at the top.
        var link = first && first.querySelector("a");
        if (link) link.focus();
      }).catch(failed);
    });
    // The count is shown, and announced, once the first results are there to read.
    return showMore().then(function () { showSummary(results.length); });
  }).catch(failed);
})();
