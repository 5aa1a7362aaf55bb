// Layout checks run inside the page by the browser tests (loaded as an init script, so page scripts
// and the Content-Security-Policy cannot get in the way). Each returns a list of readable problems.
window.__pagecheck = (() => {
  "use strict";

  // A short name for an element that a person can find in the page: tag#id.classes ("text").
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (el.classList.length) name += "." + [...el.classList].join(".");
    const text = (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return text ? `${name} ("${text}")` : name;
  };

  // Out of sight on purpose: display none, the visually-hidden pattern, a closed popover.
  const hiddenOnPurpose = (el) => {
    for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden") return true;
      if (style.clipPath === "inset(50%)" || style.clip === "rect(0px, 0px, 0px, 0px)") return true;
    }
    return false;
  };

  const clips = (value) => value === "hidden" || value === "clip";

  // Inside a box that scrolls or clips sideways (a wide table in .table-wrap): that box, not the
  // page, scrolls; whether it cuts text off is the clipping check's business.
  const inBox = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== "visible") return true;
    }
    return false;
  };

  const overflow = () => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const problems = [];
    if (root.scrollWidth > width) {
      problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${width}px window`);
    }
    const sticksOut = (el) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return false;
      return box.right > width + 0.5 || box.left < -0.5;
    };
    for (const el of document.body.querySelectorAll("*")) {
      if (!sticksOut(el) || inBox(el) || hiddenOnPurpose(el)) continue;
      // Name only the outermost culprit, not each of its children.
      const parent = el.parentElement;
      if (parent && parent !== document.body && sticksOut(parent)) continue;
      const box = el.getBoundingClientRect();
      const span = `from ${Math.round(box.left)}px to ${Math.round(box.right)}px`;
      problems.push(`${describe(el)} runs outside the ${width}px window (${span})`);
      if (problems.length >= 6) break;
    }
    if (problems.length === 1 && root.scrollWidth > width) {
      // Nothing visible sticks out, so something out of sight does: usually visually-hidden
      // text (absolutely positioned) in a scroll box that is not its containing block.
      const culprit = [...document.body.querySelectorAll("*")].find((el) => {
        const positioned = getComputedStyle(el).position === "absolute";
        return positioned && el.getBoundingClientRect().right > width + 0.5;
      });
      if (culprit) problems.push(`${describe(culprit)} is out of sight but widens the page`);
    }
    return problems;
  };

  const clippedText = () => {
    const problems = [];
    for (const el of document.body.querySelectorAll("*")) {
      const style = getComputedStyle(el);
      const clipX = clips(style.overflowX) || style.textOverflow === "ellipsis";
      const clipY = clips(style.overflowY);
      if (!clipX && !clipY) continue;
      if (!(el.innerText || "").trim() || hiddenOnPurpose(el)) continue;
      const cutX = clipX && el.scrollWidth > el.clientWidth + 1;
      const cutY = clipY && el.scrollHeight > el.clientHeight + 1;
      if (!cutX && !cutY) continue;
      const how = cutX
        ? `overflow-x ${style.overflowX}: ${el.scrollWidth}px of content in ${el.clientWidth}px`
        : `overflow-y ${style.overflowY}: ${el.scrollHeight}px of content in ${el.clientHeight}px`;
      problems.push(`${describe(el)} cuts off part of its text (${how})`);
    }
    return problems;
  };

  // What a reader gets who sets the browser's font size to double the default: rem and em grow,
  // the window does not.
  const doubleTextSize = () => {
    const root = document.documentElement;
    root.style.fontSize = parseFloat(getComputedStyle(root).fontSize) * 2 + "px";
  };
  const resetTextSize = () => document.documentElement.style.removeProperty("font-size");

  // The parts of an element's computed style that can show focus.
  const focusStyle = (el) => {
    const style = getComputedStyle(el);
    return {
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      outlineVisible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
      boxShadow: style.boxShadow,
      background: style.backgroundColor,
    };
  };

  return { describe, overflow, clippedText, doubleTextSize, resetTextSize, focusStyle };
})();
