/*
 * 简报问答 widget: a floating button that opens the chat in a panel (an iframe of /embed/).
 *
 *   <script src="http://HOST:7860/widget.js" defer
 *           data-position="bottom-right" data-title="简报问答" data-open="false"></script>
 *
 * The app's address comes from this script's own src. Everything is built with DOM calls and
 * textContent inside a shadow root: nothing is parsed as HTML and the host page's CSS cannot reach in.
 * Only origins listed in QA_ALLOWED_ORIGINS may frame the chat (the app sends CSP frame-ancestors).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__jianbaoQaWidget) return;
  window.__jianbaoQaWidget = true;

  var origin = new URL(script.src, window.location.href).origin;
  var data = script.dataset || {};
  var side = data.position === "bottom-left" ? "left" : "right";
  var title = (data.title || "简报问答").slice(0, 40);
  var startOpen = data.open === "true";

  var CSS = [
    ":host { all: initial; }",
    ".qa-btn { position: fixed; bottom: 20px; SIDE: 20px; z-index: 2147483000; display: flex;",
    "  align-items: center; gap: 6px; padding: 12px 18px; border: 0; border-radius: 24px; cursor: pointer;",
    "  background: #ea580c; color: #fff; font: 600 15px/1 system-ui, 'PingFang SC', 'Microsoft YaHei',",
    "  'WenQuanYi Micro Hei', sans-serif; box-shadow: 0 4px 14px rgba(0,0,0,.25); }",
    ".qa-btn:hover { background: #c2410c; }",
    ".qa-btn:focus-visible, .qa-close:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }",
    ".qa-panel { position: fixed; bottom: 80px; SIDE: 20px; z-index: 2147483000; display: flex;",
    "  flex-direction: column; width: min(420px, calc(100vw - 40px)); height: min(640px, calc(100vh - 110px));",
    "  background: #fff; border-radius: 12px; overflow: hidden; box-shadow: 0 8px 30px rgba(0,0,0,.3); }",
    ".qa-panel[hidden] { display: none; }",
    ".qa-head { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px;",
    "  background: #ea580c; color: #fff; font: 600 15px/1.4 system-ui, 'PingFang SC', 'Microsoft YaHei',",
    "  'WenQuanYi Micro Hei', sans-serif; }",
    ".qa-close { border: 0; background: transparent; color: #fff; font-size: 22px; line-height: 1;",
    "  cursor: pointer; padding: 0 4px; }",
    ".qa-frame { flex: 1; width: 100%; border: 0; }",
    "@media (max-width: 480px) { .qa-panel { SIDE: 0; bottom: 0; width: 100vw; height: 100vh;",
    "  border-radius: 0; } }"
  ].join("\n").replace(/SIDE/g, side);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function icon() { // a speech bubble drawn with SVG: no emoji font needed
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
    svg.appendChild(path);
    return svg;
  }

  function mount() {
    var host = el("div");
    host.id = "jianbao-qa-widget";
    document.body.appendChild(host);
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;

    var style = el("style");
    style.textContent = CSS;
    var button = el("button", "qa-btn");
    button.appendChild(icon());
    button.appendChild(el("span", "", title));
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-label", title);

    var panel = el("div", "qa-panel");
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", title);
    var head = el("div", "qa-head");
    var close = el("button", "qa-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "关闭");
    head.appendChild(el("span", "", title));
    head.appendChild(close);
    panel.appendChild(head);

    var frame = null;
    function setOpen(open) {
      if (open && !frame) { // the chat loads on first open only
        frame = el("iframe", "qa-frame");
        frame.title = title;
        frame.src = origin + "/embed/";
        frame.setAttribute("allow", "clipboard-write");
        panel.appendChild(frame);
      }
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      if (!open) button.focus();
    }
    button.addEventListener("click", function () { setOpen(panel.hidden); });
    close.addEventListener("click", function () { setOpen(false); });
    root.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !panel.hidden) setOpen(false);
    });

    root.appendChild(style);
    root.appendChild(panel);
    root.appendChild(button);
    if (startOpen) setOpen(true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
