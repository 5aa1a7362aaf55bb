// "Questions for your care team": pick, add, print or copy. Nothing is sent anywhere, and nothing
// is written to cookies or storage. Without this file the page is still a printable list with
// tick boxes and lines to write on.
//
// So that a patient who follows a link ("Read ...") and comes back, or reloads, still finds the
// list, it is kept in this tab's history entry (history.replaceState): the browser holds it with
// the page's place in the tab's back-and-forward list, sends it nowhere, and drops it when the tab
// is closed (the page says so). Not the URL fragment: a fragment lands in the browser's history,
// which may be synced to other devices, and in any link the patient copies or shares, and typed
// health questions belong in neither. Not the browser's local or session storage: that is storage
// the patient did not ask for.
(function () {
  "use strict";

  var uiText = window.carteducation.uiText; // static/js/ui-text.js: the page's words

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

  // How many the list holds, above the questions beside the buttons (announced as it changes).
  var count = document.getElementById("questions-count");
  function showCount() {
    var chosen = chosenQuestions().length;
    count.textContent = chosen === 0 ? uiText("chosenNone", "No questions chosen yet.")
      : chosen === 1 ? uiText("chosenOne", "1 question chosen.")
      : uiText("chosenMany", "{count} questions chosen.", { count: chosen });
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
    showCount();
  }

  // What the patient has chosen: the ids of the ticked boxes and the questions they typed.
  function keep() {
    var ticked = [];
    page.querySelectorAll(".question input[type=checkbox]").forEach(function (box) {
      if (box.checked) ticked.push(box.id);
    });
    var own = [];
    ownList.querySelectorAll(".question__text").forEach(function (item) {
      own.push(item.textContent);
    });
    var state = Object.assign({}, window.history.state, { questions: { ticked: ticked, own: own } });
    window.history.replaceState(state, "");
  }

  function restore() {
    var kept = window.history.state && window.history.state.questions;
    if (!kept) return;
    (kept.ticked || []).forEach(function (id) {
      var box = document.getElementById(id);
      if (box && box.type === "checkbox" && page.contains(box)) box.checked = true;
    });
    (kept.own || []).forEach(function (text) {
      if (typeof text === "string" && text) addItem(text);
    });
  }

  function addItem(text) {
    var item = document.createElement("li");
    item.className = "question question--own is-chosen";
    var words = document.createElement("span");
    words.className = "question__text";
    words.textContent = text; // as text, never parsed as markup
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "question__remove";
    remove.textContent = uiText("remove", "Remove");
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ": " + text;
    remove.appendChild(hidden);
    remove.addEventListener("click", function () {
      item.remove();
      markChosen();
      keep();
      say(uiText("questionRemoved", "Question removed."));
      input.focus();
    });
    item.appendChild(words);
    item.appendChild(remove);
    ownList.appendChild(item);
  }

  function addOwn() {
    var text = input.value.replace(/\s+/g, " ").trim();
    if (!text) {
      say(uiText("typeFirst", "Type a question first."));
      input.focus();
      return;
    }
    addItem(text);
    input.value = "";
    markChosen();
    keep();
    say(uiText("added", "Added to your list: {question}", { question: text }));
  }

  function listAsText(questions) {
    return uiText("listTitle", "Questions for my care team") + "\n\n" + questions.map(function (question, index) {
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
  page.addEventListener("change", function () {
    markChosen();
    keep();
  });
  // A link within the page ("at the end of the page") makes a new history entry, which starts
  // empty: it gets the list as it stands, so a reload there finds it too.
  window.addEventListener("popstate", keep);
  window.addEventListener("hashchange", keep);

  document.getElementById("print-my-list").addEventListener("click", function () {
    markChosen();
    if (!chosenQuestions().length) {
      say(uiText("tickToPrint", "Tick at least one question, or add your own, then print."));
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
      say(uiText("tickToCopy", "Tick at least one question, or add your own, then copy."));
      return;
    }
    var copied = questions.length === 1
      ? uiText("copiedOne", "Copied 1 question. You can paste them into a message or your notes.")
      : uiText("copiedMany", "Copied {count} questions. You can paste them into a message or your notes.", { count: questions.length });
    copyText(listAsText(questions)).then(function () {
      say(copied);
    }, function () {
      say(uiText("notCopied", "Your browser did not let us copy. Use “Print my list” instead."));
    });
  });

  restore();
  markChosen();
})();
