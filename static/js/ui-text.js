// The page's interface words, for every script: window.carteducation.uiText(key, english, values).
// The words come from base.html's #ui-strings JSON block, in the page's language; the English a
// script passes stands in when the block or the key is missing; {name} in a text takes
// values.name. base.html loads this first, and deferred scripts run in document order.
(function (site) {
  "use strict";

  var strings = (function () {
    var block = document.getElementById("ui-strings");
    try { return block ? JSON.parse(block.textContent) : {}; } catch (error) { return {}; }
  })();

  site.uiText = function (key, english, values) {
    var words = typeof strings[key] === "string" ? strings[key] : english;
    return words.replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  };
})(window.carteducation = window.carteducation || {});
