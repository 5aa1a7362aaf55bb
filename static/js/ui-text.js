// The page's interface words, for every script: window.carteducation.uiText(key, english, values).
// The words come from base.html's #ui-strings JSON block, in the page's language; the English a
// script passes stands in when the block or the key is missing; {name} in a text takes
// values.name. base.html loads this first, and deferred scripts run in document order.
// Content cannot stand in for either (engine/ids.py): the block is found as a JSON <script>, not
// by id alone, and the namespace is only ever one this script set on window itself (an element
// with id="carteducation" also answers to window.carteducation, but is not window's own).
(function (site) {
  "use strict";

  var strings = (function () {
    var block = document.querySelector('script[type="application/json"]#ui-strings');
    try { return block ? JSON.parse(block.textContent) : {}; } catch (error) { return {}; }
  })();

  site.uiText = function (key, english, values) {
    var words = typeof strings[key] === "string" ? strings[key] : english;
    return words.replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  };
})(window.carteducation = Object.prototype.hasOwnProperty.call(window, "carteducation")
  ? window.carteducation : {});
