/* 简报问答 admin page: upload → preview → confirm → progress → list (with remove).
 * Talks to /api/bulletins/preview, /api/bulletins, /api/jobs/{id} and /api/bulletins/{issue} with the
 * admin token typed in (kept in sessionStorage: gone when the tab closes). Every text from the server
 * or a file goes into the page with textContent, never as HTML. */
(function () {
  "use strict";
  var KEY = "qa-admin-token";
  var token = sessionStorage.getItem(KEY) || "";
  var chosen = null; // the file previewed, sent again on confirm
  var replacing = false;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function show(id, on) { $(id).hidden = !on; }
  function say(id, text) { $(id).textContent = text || ""; show(id, !!text); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function api(method, url, body) {
    var headers = {};
    if (token) headers.Authorization = "Bearer " + token;
    return fetch(url, { method: method, headers: headers, body: body, credentials: "same-origin" })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          return { status: r.status, data: data, retry: r.headers.get("Retry-After") };
        });
      });
  }

  // What went wrong, in the page's words, with the server's message (it names file, line, field).
  function problem(res) {
    var d = res.data || {};
    var msg = d.error || ("HTTP " + res.status);
    if (d.line) msg += "（第 " + d.line + " 行）";
    switch (res.status) {
      case 401: return "令牌不正确或未填写，上传被拒绝（401）：" + msg;
      case 403: return "管理功能未开启：服务器没有设置 QA_ADMIN_TOKEN（403）";
      case 404: return "未找到（404）：" + msg;
      case 409: return "冲突（409）：" + msg;
      case 413: return "文件太大（413）：" + msg;
      case 415: return "不支持的文件（415）：" + msg;
      case 422: return "文件无法解析（422）：" + msg;
      case 429: return "操作太频繁，请 " + (res.retry || "几") + " 秒后再试：" + msg;
      default: return "出错了（" + res.status + "）：" + msg;
    }
  }

  // -- token ------------------------------------------------------------------------------------
  function tokenState() {
    $("token-state").textContent = token
      ? "已填写令牌（只保存在本标签页中，关闭即清除）。"
      : "尚未填写令牌：上传和删除需要管理员令牌。";
  }
  $("token-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    token = $("token").value.trim();
    if (token) sessionStorage.setItem(KEY, token); else sessionStorage.removeItem(KEY);
    $("token").value = "";
    tokenState();
  });

  // -- upload and preview -------------------------------------------------------------------------
  $("upload-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var f = $("file").files[0];
    say("upload-error", "");
    show("preview", false);
    if (!f) { say("upload-error", "请先选择一个简报文件（.txt、.docx、.pdf、.doc）。"); return; }
    var form = new FormData();
    form.append("file", f, f.name);
    $("preview-btn").disabled = true;
    api("POST", "/api/bulletins/preview", form).then(function (res) {
      $("preview-btn").disabled = false;
      if (res.status !== 200) { say("upload-error", problem(res)); return; }
      chosen = f;
      renderPreview(res.data);
    }, function (e) {
      $("preview-btn").disabled = false;
      say("upload-error", "无法连接服务器：" + e);
    });
  });

  function renderPreview(data) {
    var p = data.preview;
    $("preview-file").textContent = p.file + "（" + Math.max(1, Math.round(data.size / 1024)) + " KB）";
    var meta = $("preview-meta");
    clear(meta);
    [
      ["期号", p.issue + (p.edition ? "（" + p.edition + "）" : "")],
      ["总期号", p.running ? "总第" + p.running + "期" : "—"],
      ["刊名", p.title],
      ["出版日期", p.published],
      ["数据月份", p.data_month || "—（无统计数据）"],
      ["编印单位", p.publisher],
      ["SHA-256", data.sha256]
    ].forEach(function (kv) { meta.appendChild(el("dt", kv[0])); meta.appendChild(el("dd", kv[1])); });

    replacing = !!data.replace;
    if (replacing) {
      var files = data.existing.map(function (e) { return e.file; }).join("、");
      say("preview-replace", "已收录 " + p.issue + "（文件 " + files + "）。确认后将替换它；原文件保留在语料目录的 .archive 中。");
      $("confirm-btn").textContent = "确认替换";
    } else {
      say("preview-replace", "");
      $("confirm-btn").textContent = "确认收录";
    }

    var arts = $("preview-articles");
    clear(arts);
    $("articles-count").textContent = p.articles.length + " 篇";
    p.articles.forEach(function (a) {
      var li = el("li", a.title || "（无标题）");
      li.appendChild(el("div", a.paragraphs + " 段 · " + a.text, "first"));
      arts.appendChild(li);
    });

    var body = $("preview-tables").tBodies[0];
    clear(body);
    $("tables-count").textContent = p.tables.length + " 张";
    p.tables.forEach(function (t) {
      var tr = document.createElement("tr");
      tr.appendChild(el("td", t.title));
      tr.appendChild(el("td", t.rows, "num"));
      tr.appendChild(el("td", t.total ? "有" : "—"));
      tr.appendChild(el("td", t.columns.join("、"), "cols"));
      var check = t.warnings.length ? t.warnings.length + " 条警告" : "通过";
      var td = el("td", check, t.warnings.length ? "check-warn" : "check-ok");
      td.title = t.warnings.join("\n");
      tr.appendChild(td);
      body.appendChild(tr);
    });

    var warns = $("preview-warnings");
    clear(warns);
    p.warnings.forEach(function (w) { warns.appendChild(el("li", w)); });
    show("preview", true);
  }

  $("cancel-btn").addEventListener("click", function () {
    chosen = null;
    show("preview", false);
    $("file").value = "";
  });

  $("confirm-btn").addEventListener("click", function () {
    if (!chosen) return;
    var form = new FormData();
    form.append("file", chosen, chosen.name);
    if (replacing) form.append("replace", "true");
    $("confirm-btn").disabled = true;
    api("POST", "/api/bulletins", form).then(function (res) {
      $("confirm-btn").disabled = false;
      if (res.status !== 202) { say("upload-error", problem(res)); return; }
      show("preview", false);
      $("file").value = "";
      chosen = null;
      follow(res.data.job);
    }, function (e) {
      $("confirm-btn").disabled = false;
      say("upload-error", "无法连接服务器：" + e);
    });
  });

  // -- a job's progress ---------------------------------------------------------------------------
  function setBar(fraction) {
    var pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
    $("bar-fill").style.width = pct + "%";
    $("bar").setAttribute("aria-valuenow", String(pct));
  }

  // The job's stage in the page's language (the API speaks English, like the CLI).
  var STAGES = [
    [/^waiting for the jobs before it/, "等待前一个任务完成"],
    [/^starting/, "开始"],
    [/^checking the index/, "检查现有索引"],
    [/^storing (.*)/, "保存文件 $1"],
    [/^moving (.*) to \.archive/, "把 $1 移到 .archive"],
    [/^(?:waiting for the index lock|another ingest).*/, "等待另一个索引任务结束"],
    [/^parsing (.*) \((\d+)\/(\d+)\)/, "解析 $1（$2/$3）"],
    [/^reusing the vectors/, "复用已有向量"],
    [/^embedding chunks (.*) of (\d+)/, "向量化文本块 $1（共 $2）"],
    [/^making (.*) current/, "启用新索引 $1"],
    [/^switching the server/, "问答切换到新索引"],
    [/^done/, "完成"],
    [/^failed/, "失败"]
  ];
  function stageText(s) {
    for (var i = 0; i < STAGES.length; i++) {
      if (STAGES[i][0].test(s)) return s.replace(STAGES[i][0], STAGES[i][1]);
    }
    return s;
  }

  function follow(job) {
    show("progress-block", true);
    say("result", "");
    say("job-error", "");
    setBar(0);
    $("stage").textContent = "已提交，等待开始…";
    function poll() {
      api("GET", "/api/jobs/" + encodeURIComponent(job)).then(function (res) {
        if (res.status !== 200) { say("job-error", problem(res)); return; }
        var j = res.data;
        setBar(j.progress);
        $("stage").textContent = stageText(j.stage) + "（" + Math.round(j.progress * 100) + "%）";
        if (j.status === "running") { setTimeout(poll, 400); return; }
        if (j.status === "failed") {
          var r = j.report || {};
          say("job-error", "失败：" + (r.error || j.error) + (r.line ? "（第 " + r.line + " 行）" : "") + "。索引保持原样。");
        } else {
          var rep = j.report;
          say("result", j.action === "remove"
            ? "已删除 " + rep.removed.join("、") + "；现有 " + rep.bulletins + " 期，索引 " + rep.generation + "。"
            : "已收录 " + rep.issue + "（" + rep.file + "）：现有 " + rep.bulletins + " 期、" + rep.tables +
              " 张表、" + rep.rows + " 行，索引 " + rep.generation + "，用时 " + rep.seconds + " 秒。问答已切换到新索引。");
        }
        loadList();
      }, function () { setTimeout(poll, 1000); });
    }
    poll();
  }

  // -- the list -----------------------------------------------------------------------------------
  function loadList() {
    api("GET", "/api/bulletins").then(function (res) {
      if (res.status !== 200) { say("list-error", problem(res)); return; }
      say("list-error", "");
      var body = $("issues").tBodies[0];
      clear(body);
      var list = res.data.bulletins || [];
      $("list-count").textContent = list.length + " 期";
      list.slice().reverse().forEach(function (b) {
        var tr = document.createElement("tr");
        tr.appendChild(el("td", b.issue));
        tr.appendChild(el("td", b.published));
        tr.appendChild(el("td", b.data_month || "—"));
        tr.appendChild(el("td", b.file));
        var td = document.createElement("td");
        var btn = el("button", "删除", "danger");
        btn.type = "button";
        btn.setAttribute("aria-label", "删除 " + b.issue);
        btn.addEventListener("click", function () { removeIssue(b); });
        td.appendChild(btn);
        tr.appendChild(td);
        body.appendChild(tr);
      });
    });
  }

  function removeIssue(b) {
    if (!window.confirm("从索引中删除 " + b.issue + "（" + b.file + "）？文件将移到语料目录的 .archive 中。")) return;
    api("DELETE", "/api/bulletins/" + encodeURIComponent(b.issue)).then(function (res) {
      if (res.status !== 202) { say("list-error", problem(res)); return; }
      follow(res.data.job);
    });
  }

  tokenState();
  loadList();
})();
