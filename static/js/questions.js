// "Questions for your care team": pick, add, print or copy. Everything stays in this page's
// memory: nothing is sent anywhere, and nothing is written to cookies or storage, so the list is
// gone when the page is closed or reloaded (the page says so). Without this file the page is
// still a printable list with tick boxes and lines to write on.
(function () {
  "use strict";

  var page = document.querySelector(".questions-page");
  if (!page) return;
  var input = document.getElementById("own-question");
  var addButton = document.getElementById("add-own-question");
  var ownList = document.getElementById("own-question-list");
  var status = document.getElementById("questions-status");

  function say(message) {
    // Clear first, so the same message twice in a row is announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function chosenQuestions() {
    var chosen = [];
    page.querySelectorAll(".question input[type=checkbox]").forEach(function (box) {
      if (box.checked) chosen.push(box.labels[0].textContent.trim());
    });
    ownList.querySelectorAll(".question__text").forEach(function (item) {
      chosen.push(item.textContent.trim());
    });
    return chosen;
  }

  function markChosen() {
    // Classes, not :has(), so "Print my list" works in every browser that prints.
    page.querySelectorAll(".question").forEach(function (item) {
      var box = item.querySelector("input[type=checkbox]");
      item.classList.toggle("is-chosen", !box || box.checked);
    });
    page.querySelectorAll(".question-group").forEach(function (group) {
      group.classList.toggle("has-chosen", !!group.querySelector(".question.is-chosen"));
    });
    page.querySelector(".own-questions").classList.toggle("has-chosen", ownList.children.length > 0);
  }

  function addOwn() {
    var text = input.value.replace(/\s+/g, " ").trim();
    if (!text) {
      say("Type a question first.");
      input.focus();
      return;
    }
    var item = document.createElement("li");
    item.className = "question question--own is-chosen";
    var words = document.createElement("span");
    words.className = "question__text";
    words.textContent = text; // as text, never parsed as markup
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "question__remove";
    remove.textContent = "Remove";
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ": " + text;
    remove.appendChild(hidden);
    remove.addEventListener("click", function () {
      item.remove();
      markChosen();
      say("Question removed.");
      input.focus();
    });
    item.appendChild(words);
    item.appendChild(remove);
    ownList.appendChild(item);
    input.value = "";
    markChosen();
    say("Added to your list: " + text);
  }

  function listAsText(questions) {
    return "Questions for my care team\n\n" + questions.map(function (question, index) {
      return (index + 1) + ". " + question;
    }).join("\n") + "\n";
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Older browsers and plain-http addresses have no clipboard API.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      area.remove();
      if (copied) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  addButton.addEventListener("click", addOwn);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      addOwn();
    }
  });
  page.addEventListener("change", markChosen);

  document.getElementById("print-my-list").addEventListener("click", function () {
    markChosen();
    if (!chosenQuestions().length) {
      say("Tick at least one question, or add your own, then print.");
      return;
    }
    document.documentElement.classList.add("print-chosen");
    window.print();
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("print-chosen");
  });

  document.getElementById("copy-my-list").addEventListener("click", function () {
    var questions = chosenQuestions();
    if (!questions.length) {
      say("Tick at least one question, or add your own, then copy.");
      return;
    }
    var count = questions.length + (questions.length === 1 ? " question" : " questions");
    copyText(listAsText(questions)).then(function () {
      say("Copied " + count + ". You can paste them into a message or your notes.");
    }, function () {
      say("Your browser did not let us copy. Use “Print my list” instead.");
    });
  });

  markChosen();
})();
