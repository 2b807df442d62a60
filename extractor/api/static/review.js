// The review pages: everything through the /v1 API. No framework, no build step, nothing fetched
// from elsewhere (air-gapped users).
"use strict";

const KEY = "extractor-api-key";

async function api(path, options = {}, retried = false) {
  const headers = Object.assign({}, options.headers || {});
  const key = sessionStorage.getItem(KEY);
  if (key) headers["Authorization"] = "Bearer " + key;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401 && !retried) {
    const typed = window.prompt("API key");
    if (typed) {
      sessionStorage.setItem(KEY, typed.trim());
      return api(path, options, true);
    }
  }
  if (!response.ok) {
    let reason = response.statusText;
    try { reason = (await response.json()).error || reason; } catch (e) { /* not JSON */ }
    throw new Error(response.status + ": " + reason);
  }
  return response;
}

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== "") node.textContent = text;
  return node;
}

function say(text, kind = "") {
  const box = document.getElementById("message");
  box.textContent = text;
  box.className = kind;
}

// --- the queue ------------------------------------------------------------------------------

async function showQueue() {
  const rows = await (await api("/v1/review")).json();
  const body = document.querySelector("#queue tbody");
  body.replaceChildren();
  for (const r of rows) {
    const tr = el("tr");
    const link = el("a", { href: "/review/" + r.id + "#" + r.table }, r.name);
    tr.append(el("td"), el("td", {}, r.table), el("td", {}, r.title || ""), el("td", {}, r.confidence.toFixed(2)),
      el("td", {}, String(r.checks_failed)), el("td", {}, String(r.cells_flagged)));
    tr.firstChild.append(link);
    body.append(tr);
  }
  say(rows.length ? rows.length + " tables to look at" : "nothing to look at");
}

// --- one document ----------------------------------------------------------------------------

const state = { id: "", result: null, pages: [], selected: null };

function flagged(cell) {
  return (cell.flags || []).some((f) => f !== "corrected") || cell.low_confidence;
}

function cellAt(table, row, col) {
  return table.cells.find((c) => c.row <= row && row < c.row + c.rowspan && c.col <= col && col < c.col + c.colspan);
}

async function showDocument() {
  state.id = decodeURIComponent(location.pathname.split("/").pop());
  document.getElementById("xlsx").addEventListener("click", downloadXlsx);
  document.getElementById("correct").addEventListener("submit", submitCorrection);
  for (;;) {
    const doc = await (await api("/v1/documents/" + state.id)).json();
    document.getElementById("title").textContent = doc.name + " · " + doc.status;
    if (doc.status === "done" || doc.status === "failed") {
      if (!doc.result) { say(doc.error || "no result", "fail"); return; }
      state.result = doc.result;
      break;
    }
    say("waiting: " + doc.status);
    await new Promise((done) => setTimeout(done, 2000));
  }
  state.pages = await (await api("/v1/documents/" + state.id + "/pages")).json();
  await drawPages();
  drawTables();
  say(summary());
  document.body.dataset.ready = "true";
}

function summary() {
  const t = state.result.tables;
  const failing = t.reduce((n, table) => n + table.checks.filter((c) => !c.ok).length, 0);
  return t.length + " tables, " + failing + " checks failing";
}

async function drawPages() {
  const holder = document.getElementById("pages");
  holder.replaceChildren();
  const used = new Set(state.result.tables.flatMap((t) => t.cells.map((c) => c.page)));
  for (const p of state.pages) {
    if (!used.has(p.page)) continue;
    const page = el("div", { class: "page", "data-page": String(p.page) });
    const img = el("img", { alt: "page " + p.page });
    const picture = await api("/v1/documents/" + state.id + "/pages/" + p.page + ".png?width=1400");
    img.src = URL.createObjectURL(await picture.blob());
    page.append(img);
    holder.append(page);
  }
  drawBoxes();
}

function drawBoxes() {
  document.querySelectorAll(".box").forEach((b) => b.remove());
  const sizes = Object.fromEntries(state.pages.map((p) => [p.page, p]));
  for (const table of state.result.tables) {
    for (const cell of table.cells) {
      const page = document.querySelector('.page[data-page="' + cell.page + '"]');
      if (!cell.bbox || !page) continue;
      const size = sizes[cell.page];
      const [x0, y0, x1, y1] = cell.bbox;
      const box = el("div", { class: "box", "data-table": table.id, "data-row": cell.row, "data-col": cell.col,
        title: cell.text });
      if ((cell.flags || []).includes("corrected")) box.classList.add("corrected");
      else if (flagged(cell)) box.classList.add("flagged");
      Object.assign(box.style, {
        left: (100 * x0 / size.width) + "%", top: (100 * y0 / size.height) + "%",
        width: (100 * (x1 - x0) / size.width) + "%", height: (100 * (y1 - y0) / size.height) + "%",
      });
      box.addEventListener("click", () => select(table.id, cell.row, cell.col));
      page.append(box);
    }
  }
}

function drawTables() {
  const holder = document.getElementById("tables");
  holder.replaceChildren();
  for (const table of state.result.tables) {
    const grid = el("table", { class: "grid", id: "table-" + table.id });
    grid.append(el("caption", {}, table.id + (table.title ? " · " + table.title : "") +
      " · confidence " + table.confidence.toFixed(2) + (table.review ? " · review" : "")));
    const head = el("tr");
    table.columns.forEach((name) => head.append(el("th", {}, name)));
    grid.append(head);
    table.rows.forEach((row, r) => {
      const tr = el("tr");
      row.forEach((text, c) => {
        const gridRow = table.header_rows + r;
        const cell = cellAt(table, gridRow, c);
        const td = el("td", { "data-table": table.id, "data-row": gridRow, "data-col": c }, text);
        if (cell && (cell.flags || []).includes("corrected")) td.classList.add("corrected");
        else if (cell && flagged(cell)) td.classList.add("flagged");
        td.addEventListener("click", () => select(table.id, gridRow, c));
        tr.append(td);
      });
      grid.append(tr);
    });
    holder.append(grid);
  }
}

function select(tableId, row, col) {
  const table = state.result.tables.find((t) => t.id === tableId);
  const cell = cellAt(table, row, col);
  if (!cell) return;
  state.selected = { table: tableId, row: cell.row, col: cell.col };
  document.querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
  document.querySelectorAll('[data-table="' + tableId + '"][data-row="' + cell.row + '"][data-col="' + cell.col + '"]')
    .forEach((n) => n.classList.add("selected"));
  const checks = table.checks.filter((k) => k.cells.some(([r, c]) => r === cell.row && c === cell.col));
  document.getElementById("panel").hidden = false;
  document.getElementById("p-where").textContent = tableId + " row " + cell.row + ", column " + cell.col +
    (table.columns[cell.col] ? " (" + table.columns[cell.col] + ")" : "");
  document.getElementById("p-text").textContent = cell.text;
  document.getElementById("p-value").textContent = cell.value === null || cell.value === undefined ? "—" :
    String(cell.value) + (cell.unit ? " " + cell.unit : "");
  document.getElementById("p-confidence").textContent = cell.confidence.toFixed(2);
  document.getElementById("p-flags").textContent = (cell.flags || []).join(", ") || "none";
  const list = document.getElementById("p-checks");
  list.replaceChildren();
  for (const k of checks) {
    list.append(el("div", { class: k.ok ? "ok" : "fail" },
      k.kind + (k.ok ? " holds" : " fails") + ": expected " + k.expected + ", found " + k.found));
  }
  if (!checks.length) list.textContent = "none";
  const input = document.getElementById("new-text");
  input.value = cell.text;
  input.focus();
}

async function submitCorrection(event) {
  event.preventDefault();
  const s = state.selected;
  if (!s) return;
  const text = document.getElementById("new-text").value;
  try {
    const answer = await (await api(
      "/v1/documents/" + state.id + "/tables/" + encodeURIComponent(s.table) + "/cells/" + s.row + "/" + s.col,
      { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }) },
    )).json();
    const i = state.result.tables.findIndex((t) => t.id === s.table);
    state.result.tables[i] = answer.table;
    drawBoxes();
    drawTables();
    select(s.table, s.row, s.col);
    say("corrected: " + s.table + " now has " + answer.checks_failed + " checks failing", answer.checks_failed ? "fail" : "ok");
    document.body.dataset.corrected = String(Number(document.body.dataset.corrected || 0) + 1);
  } catch (e) {
    say(String(e.message || e), "fail");
  }
}

async function downloadXlsx(event) {
  event.preventDefault();
  const blob = await (await api("/v1/documents/" + state.id + ".xlsx")).blob();
  const link = el("a", { href: URL.createObjectURL(blob), download: state.id + ".xlsx" });
  link.click();
}

window.addEventListener("DOMContentLoaded", () => {
  const view = document.body.dataset.view;
  (view === "queue" ? showQueue() : showDocument()).catch((e) => say(String(e.message || e), "fail"));
});
