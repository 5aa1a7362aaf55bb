// Small enhancements; every page works without this file.
(function () {
  "use strict";

  // "Copy link" on heading anchors: the link still works as a plain anchor without JavaScript.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.heading-link");
    if (!link || !navigator.clipboard) return;
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    navigator.clipboard.writeText(url).then(function () {
      var status = document.getElementById("copy-status");
      if (!status) {
        status = document.createElement("p");
        status.id = "copy-status";
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        document.body.appendChild(status);
      }
      status.textContent = "Link copied";
    }, function () {});
  });
})();
