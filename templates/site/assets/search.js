/* Search with Pagefind (bundle built after the site, in ../pagefind/). Everything is
   loaded from this site; result links are made relative to wherever the site lives. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var filterBox = document.getElementById("search-filters");
  if (!form || !input) return;
  var base = new URL("../", window.location.href);
  var pagefind = null;
  var stale = {};
  var chosen = {};
  var PAGE = 20;
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

  /* Pagefind cuts a Chinese query with the browser's Intl.Segmenter, whose dictionary
     differs between browsers and from the index (Chromium cuts 楼道 into 楼 + 道, which
     then matches 楼下 … 道). We choose the words ourselves: the word segmenter Pagefind
     sees splits on spaces only; other granularities stay native. */
  function installSpaceSegmenter() {
    var Native = window.Intl && Intl.Segmenter;
    if (!Native) return;
    function SpaceSegmenter(locale, options) {
      if (!options || options.granularity !== "word") return new Native(locale, options);
      this.segment = function (text) {
        var parts = [], re = /\S+|\s+/g, m;
        while ((m = re.exec(text))) parts.push({ segment: m[0], index: m.index, input: text, isWordLike: /\S/.test(m[0]) });
        return parts;
      };
    }
    SpaceSegmenter.supportedLocalesOf = Native.supportedLocalesOf;
    Intl.Segmenter = SpaceSegmenter;
  }

  /* Chinese runs split into two-character words (楼道杂物 → 楼道 杂物). */
  function pairs(word) {
    var chars = Array.from(word), out = [], run = "";
    function flush() {
      var c = Array.from(run);
      for (var i = 0; i < c.length; i += 2) out.push(c.slice(i, i + 2).join(""));
      run = "";
    }
    chars.forEach(function (ch) {
      if (CJK.test(ch)) { run += ch; } else { flush(); if (out.length && !CJK.test(out[out.length - 1])) { out[out.length - 1] += ch; } else { out.push(ch); } }
    });
    flush();
    return out;
  }

  /* Queries to try, most precise first: the words as typed, then two-character words,
     then (only if nothing was found) single characters. */
  function candidates(query) {
    var words = query.split(/\s+/).filter(Boolean);
    var whole = words.join(" ");
    var paired = words.map(function (w) { return CJK.test(w) && Array.from(w).length > 2 ? pairs(w).join(" ") : w; }).join(" ");
    var single = words.map(function (w) { return CJK.test(w) ? Array.from(w).join(" ") : w; }).join(" ");
    return { precise: whole === paired ? [whole] : [whole, paired], loose: single };
  }

  function searchAll(pf, query) {
    var plan = candidates(query), seen = Object.assign({}, stale), merged = [];
    function add(search) {
      search.results.forEach(function (r) { if (!seen[r.id]) { seen[r.id] = true; merged.push(r); } });
    }
    var run = function (q) { return pf.search(q, { filters: chosen }).then(add); };
    return plan.precise.reduce(function (p, q) { return p.then(function () { return run(q); }); }, Promise.resolve())
      .then(function () { return merged.length || plan.loose === plan.precise[0] ? null : run(plan.loose); })
      .then(function () { return merged; });
  }

  /* Pages changed since the last full index are in a second, small bundle
     (pagefind-delta/); delta.json says whether to merge it and which entries of the
     main bundle are out of date (their ids are dropped from the results). */
  function loadDelta() {
    return fetch(new URL("pagefind-delta/delta.json", base).href)
      .then(function (r) { return r.ok ? r.json() : { merge: false, stale: [] }; })
      .catch(function () { return { merge: false, stale: [] }; });
  }

  function load() {
    if (!pagefind) {  /* one promise: the filters and the first search both wait on it */
      pagefind = Promise.all([import(new URL("pagefind/pagefind.js", base).href), loadDelta()]).then(function (got) {
        var module = got[0], delta = got[1];
        (delta.stale || []).forEach(function (id) { stale[id] = true; });
        // noWorker: the search must run here, where our segmenter is installed
        return module.options({ baseUrl: base.pathname, noWorker: true }).then(function () {
          module.init();
          return delta.merge ? module.mergeIndex(new URL("pagefind-delta/", base).href, { baseUrl: base.pathname }) : null;
        }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function say(text) { status.textContent = text; }

  function item(data) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    var excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; /* Pagefind escapes page text; only <mark> is added */
    li.appendChild(link);
    li.appendChild(excerpt);
    return li;
  }

  function show(results, from) {
    var slice = results.slice(from, from + PAGE);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (found) {
      found.forEach(function (data) { list.appendChild(item(data)); });
      var old = document.getElementById("search-more");
      if (old) old.remove();
      if (from + PAGE < results.length) {
        var more = document.createElement("button");
        more.type = "button";
        more.id = "search-more";
        more.className = "button";
        more.textContent = "显示更多结果";
        more.addEventListener("click", function () { more.remove(); show(results, from + PAGE); });
        list.after(more);
      }
    });
  }

  function run() {
    var query = input.value.trim();
    list.innerHTML = "";
    var old = document.getElementById("search-more");
    if (old) old.remove();
    if (!query) { say("请输入要搜索的字词。"); return; }
    say("正在搜索……");
    load().then(function (pf) {
      return searchAll(pf, query).then(function (results) {
        if (!results.length) { say("没有找到与“" + query + "”有关的内容，换个词试试。"); return; }
        say("找到 " + results.length + " 条与“" + query + "”有关的内容。");
        return show(results, 0);
      });
    }).catch(function () { say("搜索暂时不能使用，请稍后再试。"); });
  }

  function buildFilters() {
    load().then(function (pf) { return pf.filters(); }).then(function (filters) {
      Object.keys(filters).forEach(function (name) {
        var values = Object.keys(filters[name]).sort();
        if (!values.length) return;
        var label = document.createElement("label");
        label.textContent = name;
        var select = document.createElement("select");
        select.name = name;
        select.appendChild(new Option("全部", ""));
        values.forEach(function (v) { select.appendChild(new Option(v, v)); });
        select.addEventListener("change", function () {
          if (select.value) { chosen[name] = select.value; } else { delete chosen[name]; }
          run();
        });
        label.appendChild(select);
        filterBox.appendChild(label);
      });
      filterBox.hidden = false;
    }).catch(function () {});
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value.trim());
    window.history.replaceState(null, "", url);
    run();
  });
  installSpaceSegmenter();
  var initial = new URL(window.location.href).searchParams.get("q");
  buildFilters();
  if (initial) { input.value = initial; run(); } else { input.focus(); }
})();
