// reportedly review UI: the little script the pages need. Article text marks show the
// record behind them (hover previews, click pins). Records come from a JSON block the
// server escaped; everything is inserted with textContent, never as HTML.
"use strict";

(function () {
  var dataEl = document.getElementById("records");
  var text = document.getElementById("article-text");
  if (!dataEl || !text) return;
  var records = JSON.parse(dataEl.textContent || "{}");
  var card = document.getElementById("record");
  var body = document.getElementById("record-body");
  var pinned = null;

  var TITLES = { statement: "Statement", event: "Event", quantity: "Figure", place: "Place", date: "Date" };
  var ORDER = { statement: 0, event: 1, quantity: 2, place: 3, date: 4 };

  function fmtCount(r) {
    var n = function (v) { return v === null || v === undefined ? "" : Number(v).toLocaleString("en"); };
    if (r.low === null && r.high === null) return r.qualifier === "vague" ? "some" : "?";
    if (r.low !== null && r.high !== null) return r.low === r.high ? (r.qualifier === "about" ? "~ " : "") + n(r.low) : n(r.low) + "–" + n(r.high);
    if (r.low !== null) return (r.qualifier === "about" ? "~ " : "≥ ") + n(r.low);
    return (r.qualifier === "about" ? "~ " : "≤ ") + n(r.high);
  }

  function fields(rec) {
    switch (rec.kind) {
      case "statement":
        return [["who", rec.who], ["via", (rec.via || []).join(" ← ")], ["channel", rec.channel],
                ["kind", rec.statement_kind], ["hedges", (rec.hedges || []).join(", ")], ["says", rec.says]];
      case "event":
        return [["type", rec.type], ["mode", rec.mode], ["ACLED", rec.acled ? rec.acled.event_type + " · " + rec.acled.sub_event_type : ""],
                ["modality", rec.modality], ["actors", (rec.actors || []).join("; ")], ["place", rec.place],
                ["date", rec.date], ["asserted by", (rec.asserted_by || []).join(", ")]];
      case "quantity":
        return [["kind", rec.quantity_kind], ["figure", fmtCount(rec)], ["qualifier", rec.qualifier],
                ["counted", rec.counted], ["asserted by", (rec.asserted_by || []).join(", ")]];
      case "place":
        return [["name", rec.name], ["admin1", rec.admin1], ["country", rec.country], ["precision", rec.precision],
                ["lat, lon", rec.lat === null || rec.lat === undefined ? "" : rec.lat.toFixed(3) + ", " + rec.lon.toFixed(3)]];
      case "date":
        return [["text", rec.text], ["earliest", rec.earliest], ["latest", rec.latest], ["precision", rec.precision]];
    }
    return [];
  }

  function show(refs) {
    while (body.firstChild) body.removeChild(body.firstChild);
    var recs = refs.map(function (r) { return records[r]; }).filter(Boolean);
    recs.sort(function (a, b) { return ORDER[a.kind] - ORDER[b.kind]; });
    recs.forEach(function (rec) {
      var h = document.createElement("h4");
      h.textContent = TITLES[rec.kind] || rec.kind;
      body.appendChild(h);
      var dl = document.createElement("dl");
      fields(rec).forEach(function (kv) {
        if (kv[1] === null || kv[1] === undefined || kv[1] === "") return;
        var dt = document.createElement("dt"); dt.textContent = kv[0];
        var dd = document.createElement("dd"); dd.textContent = String(kv[1]);
        dl.appendChild(dt); dl.appendChild(dd);
      });
      body.appendChild(dl);
    });
    card.hidden = recs.length === 0;
  }

  function refsOf(el) {
    var span = el.closest ? el.closest("span[data-refs]") : null;
    if (!span || !text.contains(span)) return null;
    var refs = (span.getAttribute("data-refs") || "").split(" ").filter(Boolean);
    return refs.length ? { span: span, refs: refs } : null;
  }

  function select(refs) {
    Array.prototype.forEach.call(text.querySelectorAll("span.selected"), function (s) { s.classList.remove("selected"); });
    if (!refs) return;
    Array.prototype.forEach.call(text.querySelectorAll("span[data-refs]"), function (s) {
      var mine = (s.getAttribute("data-refs") || "").split(" ");
      if (refs.some(function (r) { return mine.indexOf(r) >= 0; })) s.classList.add("selected");
    });
  }

  text.addEventListener("mouseover", function (e) {
    if (pinned) return;
    var hit = refsOf(e.target);
    if (hit) show(hit.refs);
  });
  text.addEventListener("click", function (e) {
    var hit = refsOf(e.target);
    if (!hit) return;
    pinned = hit.refs;
    show(hit.refs);
    select(hit.refs);
  });
  document.getElementById("record-close").addEventListener("click", function () {
    pinned = null; card.hidden = true; select(null);
  });
  // the side panel: clicking a statement shows its record and marks it in the text
  Array.prototype.forEach.call(document.querySelectorAll(".panel-link"), function (a) {
    a.addEventListener("click", function () {
      var ref = a.getAttribute("data-ref");
      pinned = [ref]; show([ref]); select([ref]);
    });
  });
})();
