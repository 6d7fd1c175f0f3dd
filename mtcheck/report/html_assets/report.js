/* mtcheck HTML report: renders the findings from the page's data, a window at a time, with
   filters, sort, collapsible files, keyboard navigation, a link per finding and copy as text.
   Text from checked files only ever enters the page as text nodes, never as markup. */
(function () {
  'use strict';
  var doc = document;
  var root = doc.documentElement;
  var holder = doc.getElementById('data');
  var api = { ready: 0, applied: 0 };
  window.mtcheckReport = api;
  if (!holder || typeof DecompressionStream !== 'function' || typeof Blob.prototype.stream !== 'function') {
    return;  // the plain HTML after this script is the report
  }
  window.stop();  // ... and the parser need not read it: the findings are rendered from the data
  performance.mark('mtcheck-script');
  root.classList.remove('nojs');
  root.classList.add('js');
  var PAGE = 100;
  var bar = doc.getElementById('toolbar');
  var shown = doc.getElementById('shown');
  var host = doc.getElementById('cards');

  /* The data: base64 of gzip of JSON, in inert script elements. */
  function decode(element) {
    var text = element.textContent, bytes;
    if (typeof Uint8Array.fromBase64 === 'function') {
      bytes = Uint8Array.fromBase64(text);
    } else {
      var bin = atob(text);
      bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      return JSON.parse(new TextDecoder().decode(buffer));
    });
  }
  decode(holder).then(start).catch(function (error) {
    host.textContent = 'This report could not be shown: ' + error;
  });

  function start(D) {
    performance.mark('mtcheck-data');
    var n = D.severity.length;
    var seg = D.segment, sev = D.severity, cat = D.category, rule = D.rule, fixOf = D.fix, onSource = D.side;
    // each file's findings are contiguous (document order): D.fileRanges holds [file, first, end)
    var ids = D.ids.split(' '), fileOf = new Uint32Array(n), byIdMap = null, i;
    D.fileRanges.forEach(function (r) { fileOf.fill(r[0], r[1], r[2]); });
    var byId = {
      // built when a link needs it, not at every opening
      get: function (id) {
        if (!byIdMap) {
          byIdMap = new Map();
          for (var j = 0; j < n; j++) { byIdMap.set(ids[j], j); }
        }
        return byIdMap.get(id);
      },
      has: function (id) { return this.get(id) !== undefined; }
    };
    var SPECIAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
    var RTL = {};
    D.rtl.forEach(function (code) { RTL[code] = true; });
    var current = -1;
    var cards = new Array(n);

    /* Texts come in chunks of segments, decoded when a card first needs them (and all in idle
       time after the first page): a card whose chunk is not decoded yet waits for it. */
    var elements = doc.getElementsByClassName('chunk');
    var chunks = new Array(D.chunks.length), loading = new Array(D.chunks.length), waiting = {};
    function chunkOf(segment) {
      var lo = 0, hi = D.chunks.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (D.chunks[mid] <= segment) { lo = mid; } else { hi = mid - 1; }
      }
      return lo;
    }
    function ensure(k) {
      if (!loading[k]) {
        loading[k] = decode(elements[k]).then(function (chunk) {
          chunks[k] = chunk;
          (waiting[k] || []).forEach(function (j) { fill(cards[j], j); });
          delete waiting[k];
        });
      }
      return loading[k];
    }
    var everything = null;
    function ensureAll() {
      if (!everything) {
        everything = D.chunks.reduce(function (done, _, k) {
          return done.then(function () { return ensure(k); });
        }, Promise.resolve());
      }
      return everything;
    }
    function textsOf(j) {
      // [segment record, finding record] once its chunk is decoded, else null
      var k = chunkOf(seg[j]), chunk = chunks[k];
      return chunk ? [chunk.segments[seg[j] - D.chunks[k]], chunk.findings[j - chunk.first]] : null;
    }

    /* Text: code-point offsets, badges for invisible characters, windows on long texts. */
    function units(text) {
      // the UTF-16 index of each code-point offset (null: the same, no astral characters)
      if (!/[\ud800-\udfff]/.test(text)) { return null; }
      var map = [], k = 0;
      for (var u = 0; u < text.length; k++) {
        map[k] = u;
        var c = text.charCodeAt(u);
        u += c >= 0xd800 && c <= 0xdbff && u + 1 < text.length ? 2 : 1;
      }
      map[k] = text.length;
      return map;
    }
    function cpLength(text, map) { return map ? map.length - 1 : text.length; }
    function cut(text, map, a, b) { return map ? text.slice(map[a], map[b]) : text.slice(a, b); }
    function name(ch) {
      var code = ch.charCodeAt(0).toString(16);
      return D.names[code] || 'U+' + ('000' + code.toUpperCase()).slice(-4);
    }
    function addText(parent, text) {
      SPECIAL.lastIndex = 0;
      var last = 0, m;
      while ((m = SPECIAL.exec(text)) !== null) {
        if (m.index > last) { parent.appendChild(doc.createTextNode(text.slice(last, m.index))); }
        var badge = doc.createElement('span');
        badge.className = 'cc';
        badge.setAttribute('data-n', name(m[0]));
        badge.textContent = m[0];
        parent.appendChild(badge);
        last = m.index + 1;
      }
      if (last < text.length) { parent.appendChild(doc.createTextNode(last ? text.slice(last) : text)); }
    }
    function visible(text) { return text.replace(SPECIAL, function (ch) { return '\u27e8' + name(ch) + '\u27e9'; }); }
    function el(tag, cls, text) {
      var e = doc.createElement(tag);
      if (cls) { e.className = cls; }
      if (text !== undefined && text !== null) { addText(e, String(text)); }
      return e;
    }
    function direction(lang) { return lang && RTL[lang.split('-')[0].toLowerCase()] ? 'rtl' : 'auto'; }
    function clip(length, start, end) {
      // the window [left, right) shown of a text of this length around start:end
      if (length <= D.maxShown) { return [0, length]; }
      return [Math.max(0, start - D.window), Math.min(length, end + D.window)];
    }
    function side(cls, text, lang, start, end, center, whole) {
      var p = el('p', cls), map = units(text), length = cpLength(text, map);
      p.dir = direction(lang);
      if (lang) { p.lang = lang; }
      var at = start >= 0 ? start : Math.min(length, center);
      var win = whole ? [0, length] : clip(length, at, start >= 0 ? end : at), left = win[0], right = win[1];
      // start and end a clipped window at a space (within 25 characters; none in CJK text)
      for (var q = left; left > 0 && q < Math.min(left + 25, at); q++) {
        if (/\s/.test(cut(text, map, q, q + 1))) { left = q + 1; break; }
      }
      for (q = right; right < length && q > Math.max(right - 25, start >= 0 ? end : at); q--) {
        if (/\s/.test(cut(text, map, q - 1, q))) { right = q - 1; break; }
      }
      if (left > 0 || right < length) {
        // the ellipses open the whole text
        p._whole = function () { p.replaceWith(side(cls, text, lang, start, end, center, true)); };
        p.title = 'Click \u2026 to show the whole text';
      }
      if (left > 0) { p.appendChild(el('span', 'el', '\u2026')); }
      if (start >= 0) {
        addText(p, cut(text, map, left, start));
        p.appendChild(el('mark', null, cut(text, map, start, end)));
        addText(p, cut(text, map, end, right));
      } else {
        addText(p, cut(text, map, left, right));
      }
      if (right < length) { p.appendChild(el('span', 'el', '\u2026')); }
      return p;
    }

    /* A fix as before/after lines: the edited characters marked, some context either side. */
    function fixLines(target, edits) {
      var map = units(target), length = cpLength(target, map);
      var lo = edits[0][0], hi = 0;
      edits.forEach(function (e) { lo = Math.min(lo, e[0]); hi = Math.max(hi, e[1]); });
      var left = Math.max(0, lo - 50), right = Math.min(length, hi + 50);
      while (left > 0 && lo - left < 70 && !/\s/.test(cut(target, map, left - 1, left))) { left--; }
      while (right < length && right - hi < 70 && !/\s/.test(cut(target, map, right, right + 1))) { right++; }
      var before = [], after = [], cursor = left;
      edits.forEach(function (e) {
        var kept = cut(target, map, cursor, e[0]);
        before.push([kept, null], [cut(target, map, e[0], e[1]), 'del']);
        after.push([kept, null], [e[2], 'ins']);
        cursor = e[1];
      });
      before.push([cut(target, map, cursor, right), null]);
      after.push([cut(target, map, cursor, right), null]);
      return { before: before, after: after, left: left > 0, right: right < length };
    }
    function line(cls, pieces, more, lang) {
      var p = el('p', cls);
      p.dir = direction(lang);
      if (lang) { p.lang = lang; }
      if (more.left) { p.appendChild(el('span', 'el', '\u2026')); }
      pieces.forEach(function (piece) {
        if (piece[1]) { p.appendChild(el(piece[1], null, piece[0])); } else if (piece[0]) { addText(p, piece[0]); }
      });
      if (more.right) { p.appendChild(el('span', 'el', '\u2026')); }
      return p;
    }

    /* One finding's card, made when first shown and kept. */
    function card(j) {
      if (cards[j]) { return cards[j]; }
      var a = doc.createElement('article');
      a.className = 'f';
      a.id = ids[j];
      a.tabIndex = -1;
      a.setAttribute('data-s', sev[j]);
      a._i = j;
      cards[j] = a;
      if (textsOf(j)) {
        fill(a, j);
      } else {
        a.classList.add('wait');
        var k = chunkOf(seg[j]);
        (waiting[k] = waiting[k] || []).push(j);
        ensure(k);
      }
      return a;
    }
    function fill(a, j) {
      var t = textsOf(j), s = t[0], f = t[1], source = onSource[j] === 1;
      var srcLang = D.languages[s[2]], tgtLang = D.languages[s[3]];
      a.classList.remove('wait');
      var h = el('h3');
      var link = el('a', null, D.files[fileOf[j]] + ':' + f[2] + ':' + f[3]);
      link.href = '#' + ids[j];
      h.appendChild(link);
      if (s[4]) { h.append(' ', el('span', 'u', s[4])); }
      h.append(' ', el('b', 'sv', D.severities[sev[j]]), ' ', el('code', null, D.rules[rule[j]]), ' ',
        el('i', null, D.categories[cat[j]]));
      if (source) { h.append(' ', el('span', 'sd', 'source side')); }
      if (f[6] !== null) { h.append(' ', el('span', 'ch', 'chrF ' + f[6].toFixed(1))); }
      if (j === current) { h.appendChild(acts); }
      a.append(h, el('p', 'm', f[4]));
      var st = el('div', s[0] === null ? 'st mono' : 'st');
      if (s[0] !== null) {
        var ratio = s[1].length ? s[0].length / s[1].length : 0;
        st.appendChild(side('sr', s[0], srcLang, source ? f[0] : -1, f[1], Math.floor(f[0] * ratio)));
      }
      st.appendChild(side('tg', s[1], tgtLang, source ? -1 : f[0], f[1], 0));
      a.appendChild(st);
      var fx = f[5];
      if (fx) {
        var safety = fixOf[j] === 0 ? 'safe' : 'suggestion';
        var box = el('div', 'fx'), label = el('b', 'sf', safety === 'safe' ? 'safe fix' : 'suggestion');
        label.setAttribute('data-x', safety);
        box.append(label, ' ');
        addText(box, fx[0]);
        if (!source && fx[1].length) {
          var lines = fixLines(s[1], fx[1]);
          box.append(line('bf', lines.before, lines, tgtLang), line('af', lines.after, lines, tgtLang));
        }
        a.appendChild(box);
      }
    }

    /* Copy as text: the finding as a person would paste it into a ticket. */
    function link(j) { return location.href.split('#')[0] + '#' + ids[j]; }
    function marked(text, start, end) {
      var map = units(text), length = cpLength(text, map), win = clip(length, start, end);
      return (win[0] > 0 ? '\u2026' : '') + cut(text, map, win[0], start) + '\u27e6' + cut(text, map, start, end) +
        '\u27e7' + cut(text, map, end, win[1]) + (win[1] < length ? '\u2026' : '');
    }
    function plainText(text) {
      var win = clip(text.length, 0, 0);
      return text.slice(win[0], win[1]) + (win[1] < text.length ? '\u2026' : '');
    }
    function asText(j) {
      var t = textsOf(j), s = t[0], f = t[1], source = onSource[j] === 1;
      var out = [visible(D.files[fileOf[j]]) + ':' + f[2] + ':' + f[3] + ': ' + D.severities[sev[j]] + ' ' +
        D.rules[rule[j]] + ' (' + D.categories[cat[j]] + ')', '  ' + visible(f[4])];
      if (s[0] !== null) { out.push('  source: ' + visible(source ? marked(s[0], f[0], f[1]) : plainText(s[0]))); }
      out.push('  target: ' + visible(source ? plainText(s[1]) : marked(s[1], f[0], f[1])));
      var fx = f[5];
      if (fx) {
        out.push('  fix (' + (fixOf[j] === 0 ? 'safe' : 'suggestion') + ')' + (fx[0] ? ': ' + visible(fx[0]) : ''));
        if (!source && fx[1].length) {
          var lines = fixLines(s[1], fx[1]);
          var join = function (pieces) {
            return (lines.left ? '\u2026' : '') + pieces.map(function (p) { return p[0]; }).join('') +
              (lines.right ? '\u2026' : '');
          };
          out.push('  - ' + visible(join(lines.before)), '  + ' + visible(join(lines.after)));
        }
      }
      out.push('  ' + link(j));
      return out.join('\n') + '\n';
    }
    function legacyCopy(text) {
      var area = doc.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'clip';
      doc.body.appendChild(area);
      area.select();
      try { doc.execCommand('copy'); } catch (e) { /* nothing more to try */ }
      doc.body.removeChild(area);
    }
    function copy(text, button) {
      api.copied = text;
      function done() {
        if (!button) { return; }
        var label = button.textContent;
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = label; }, 1200);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { legacyCopy(text); done(); });
      } else {
        legacyCopy(text);
        done();
      }
    }
    function copyFinding(j, button) {
      if (textsOf(j)) { copy(asText(j), button); } else { ensure(chunkOf(seg[j])).then(function () { copy(asText(j), button); }); }
    }

    /* File groups: each shows a window [a, b) of its findings (filtered, sorted) and grows it
       as the reader scrolls or moves; a closed group renders nothing. */
    var groups = [], groupOf = {};
    D.fileRanges.forEach(function (range) {
      var file = range[0], all = new Array(range[2] - range[1]);
      for (var j = 0; j < all.length; j++) { all[j] = range[1] + j; }
      var g = { file: file, all: all, list: all, a: 0, b: 0 };
      g.el = el('details', 'file');
      g.el.id = 'file-' + file;
      g.el.open = true;
      var summary = el('summary');
      g.count = el('span', 'cnt');
      summary.append(el('span', 'p', D.files[file]), ' ', g.count);
      g.up = el('button', 'more');
      g.up.type = 'button';
      g.box = el('div', 'fs');
      g.down = el('button', 'more');
      g.down.type = 'button';
      g.up._g = g.down._g = g;
      g.el.append(summary, g.up, g.box, g.down);
      host.appendChild(g.el);
      groupOf[file] = g;
      groups.push(g);
    });
    function count(x) { return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
    function buttons(g) {
      g.up.hidden = g.a === 0;
      g.up.textContent = 'Show ' + count(Math.min(PAGE, g.a)) + ' earlier (' + count(g.a) + ' above)';
      var rest = g.list.length - g.b;
      g.down.hidden = rest <= 0;
      g.down.textContent = 'Show ' + count(Math.min(PAGE, rest)) + ' more (' + count(rest) + ' below)';
    }
    function grow(g, upTo) {
      var end = Math.min(g.list.length, upTo);
      if (end <= g.b) { return; }
      var frag = doc.createDocumentFragment();
      for (var p = g.b; p < end; p++) { frag.appendChild(card(g.list[p])); }
      g.box.appendChild(frag);
      g.b = end;
      buttons(g);
    }
    function growUp(g, from) {
      var begin = Math.max(0, from);
      if (begin >= g.a) { return; }
      var frag = doc.createDocumentFragment();
      for (var p = begin; p < g.a; p++) { frag.appendChild(card(g.list[p])); }
      g.box.insertBefore(frag, g.box.firstChild);
      g.a = begin;
      buttons(g);
    }
    function restart(g, a) {
      g.box.textContent = '';
      g.a = g.b = a;
      buttons(g);
    }
    if ('IntersectionObserver' in window) {
      var watcher = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          var button = entry.target, g = button._g;
          if (!entry.isIntersecting || button.hidden || !g.el.open) { return; }
          var box = button.getBoundingClientRect();
          if (box.top > innerHeight + 800 || box.bottom < -800) { return; }  // moved away since
          if (button === g.down) { grow(g, g.b + PAGE); } else { growUp(g, g.a - PAGE); }
        });
      }, { rootMargin: '800px 0px' });
      groups.forEach(function (g) { watcher.observe(g.up); watcher.observe(g.down); });
    }

    /* Filters and sort. */
    function $(id) { return doc.getElementById(id); }
    var boxes = Array.prototype.slice.call(bar.querySelectorAll('input[name=sev]'));
    var selCat = $('f-cat'), selRule = $('f-rule'), selFile = $('f-file'), selFix = $('f-fix');
    var search = $('f-q'), selSort = $('f-sort');
    var words = null, segmentWords = null;
    function searchable() {
      // every chunk is decoded by now (apply waits for them)
      segmentWords = [];
      chunks.forEach(function (chunk) {
        chunk.segments.forEach(function (s) { segmentWords.push(((s[0] || '') + '\n' + s[1]).toLowerCase()); });
      });
      words = new Array(n);
      for (var j = 0; j < n; j++) {
        var t = textsOf(j), f = t[1], fx = f[5];
        words[j] = [f[4], D.rules[rule[j]], D.categories[cat[j]], D.files[fileOf[j]], t[0][4] || '',
          fx ? fx[0] : '', fx ? fx[1].map(function (e) { return e[2]; }).join(' ') : ''].join('\n').toLowerCase();
      }
    }
    function matches(j, terms) {
      var own = words[j], text = segmentWords[seg[j]];
      for (var t = 0; t < terms.length; t++) {
        if (own.indexOf(terms[t]) < 0 && text.indexOf(terms[t]) < 0) { return false; }
      }
      return true;
    }
    var comparators = {
      doc: function (x, y) { return x - y; },
      sev: function (x, y) { return sev[x] - sev[y] || x - y; },
      rule: function (x, y) { return rule[x] - rule[y] || x - y; },
      cat: function (x, y) { return cat[x] - cat[y] || sev[x] - sev[y] || x - y; }
    };
    // Opening at a linked finding: its file's window is rendered around it, so that file and the
    // files after it skip their first page (the files before it keep theirs: the page above the
    // finding is laid out before it is scrolled to).
    var quiet = Infinity;
    function apply() {
      var on = [false, false, false];
      boxes.forEach(function (b) { on[+b.value] = b.checked; });
      var c = +selCat.value, r = +selRule.value, fl = +selFile.value, x = +selFix.value;
      var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (terms.length && !words) {
        shown.textContent = 'searching\u2026';
        ensureAll().then(function () { if (!words) { searchable(); } apply(); });
        return;
      }
      var order = comparators[selSort.value] || comparators.doc;
      var total = 0;
      groups.forEach(function (g) {
        var list = [];
        if (fl < 0 || fl === g.file) {
          for (var k = 0; k < g.all.length; k++) {
            var j = g.all[k];
            if (!on[sev[j]] || (c >= 0 && cat[j] !== c) || (r >= 0 && rule[j] !== r) || (x >= 0 && fixOf[j] !== x)) {
              continue;
            }
            if (terms.length && !matches(j, terms)) { continue; }
            list.push(j);
          }
        }
        if (order !== comparators.doc) { list.sort(order); }
        g.list = list;
        total += list.length;
        g.el.hidden = list.length === 0;
        g.count.textContent = (list.length === g.all.length ? '' : count(list.length) + ' of ') +
          count(g.all.length) + ' ' + D.noun;
        restart(g, 0);
      });
      var budget = PAGE;  // render the first page now; the rest follows the scroll
      groups.forEach(function (g, gi) {
        if (gi >= quiet) { return; }
        if (budget > 0 && g.list.length && g.el.open) { grow(g, budget); budget -= g.b; }
      });
      shown.textContent = (total === n ? '' : count(total) + ' of ') + count(n) + ' ' + D.noun;
      if (current >= 0) { cards[current].classList.remove('cur'); }
      current = -1;
      api.count = total;
      api.applied++;
    }
    function reset() {
      boxes.forEach(function (b) { b.checked = true; });
      selCat.value = selRule.value = selFile.value = selFix.value = '-1';
      search.value = '';
      apply();
    }

    /* The current finding: outlined, focused, its fragment in the address bar, its actions shown. */
    var acts = el('span', 'acts');
    [['copy', 'Copy as text'], ['link', 'Copy link']].forEach(function (pair) {
      var b = el('button', null, pair[1]);
      b.type = 'button';
      b.setAttribute('data-a', pair[0]);
      acts.appendChild(b);
    });
    function select(j, scroll, hash) {
      var g = groupOf[fileOf[j]], p = g.list.indexOf(j);
      if (p < 0) { reset(); p = g.list.indexOf(j); }
      if (!g.el.open) { g.el.open = true; }
      if (p < g.a || p >= g.b) {
        if (p >= g.b && p < g.b + PAGE) { grow(g, p + 1); }
        else if (p < g.a && p >= g.a - PAGE) { growUp(g, p); }
        else { restart(g, Math.max(0, p - 5)); grow(g, p + PAGE); }
      }
      if (current >= 0) { cards[current].classList.remove('cur'); }
      current = j;
      var c = cards[j];
      c.classList.add('cur');
      var head = c.querySelector('h3');
      if (head) { head.appendChild(acts); }
      c.focus({ preventScroll: true });
      if (scroll) { c.scrollIntoView({ block: scroll }); }
      if (hash && location.hash !== '#' + c.id) { history.replaceState(null, '', '#' + c.id); }
    }
    function move(step) {
      var gi, p;
      if (current >= 0) {
        var g = groupOf[fileOf[current]];
        gi = groups.indexOf(g);
        p = g.list.indexOf(current) + step;
      } else {
        gi = step > 0 ? 0 : groups.length - 1;
        p = step > 0 ? 0 : groups[gi].list.length - 1;
      }
      while (gi >= 0 && gi < groups.length) {
        var h = groups[gi];
        if (h.el.open && !h.el.hidden && p >= 0 && p < h.list.length) {
          select(h.list[p], 'nearest', true);
          return;
        }
        gi += step;
        if (gi >= 0 && gi < groups.length) { p = step > 0 ? 0 : groups[gi].list.length - 1; }
      }
    }
    function follow(hash, scroll) {
      var id = decodeURIComponent((hash || '').replace(/^#/, ''));
      if (byId.has(id)) { select(byId.get(id), scroll ? 'center' : false, false); return; }
      var target = id && doc.getElementById(id);
      if (target && target.tagName === 'DETAILS') { target.open = true; target.hidden = false; target.scrollIntoView(); }
    }

    /* Wiring. */
    var timer = 0;
    boxes.forEach(function (b) { b.addEventListener('change', apply); });
    [selCat, selRule, selFile, selFix, selSort].forEach(function (s) { s.addEventListener('change', apply); });
    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(apply, n > 5000 ? 120 : 0);
    });
    search.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { clearTimeout(timer); apply(); search.blur(); move(1); }
    });
    $('reset').addEventListener('click', reset);
    $('expand').addEventListener('click', function () { groups.forEach(function (g) { g.el.open = true; }); });
    $('collapse').addEventListener('click', function () { groups.forEach(function (g) { g.el.open = false; }); });
    host.addEventListener('click', function (e) {
      var t = e.target, more = t.closest('button.more');
      if (more) {
        if (more === more._g.down) { grow(more._g, more._g.b + PAGE); } else { growUp(more._g, more._g.a - PAGE); }
        return;
      }
      var action = t.closest('.acts button');
      if (action) {
        if (action.getAttribute('data-a') === 'copy') { copyFinding(current, action); } else { copy(link(current), action); }
        return;
      }
      var c = t.closest('article.f');
      if (!c) { return; }
      if (t.classList.contains('el') && t.parentNode._whole) { t.parentNode._whole(); }
      if (t.closest('h3 a')) { e.preventDefault(); select(c._i, false, true); return; }
      var chosen = window.getSelection && String(window.getSelection());
      if (!chosen && c._i !== current) { select(c._i, false, true); }
    });
    var charts = $('charts');
    if (charts) {
      charts.addEventListener('click', function (e) {
        var row = e.target.closest('.row[data-v]');
        if (!row) { return; }
        (row.getAttribute('data-k') === 'cat' ? selCat : selRule).value = row.getAttribute('data-v');
        apply();
        $('list').scrollIntoView();
      });
    }
    window.addEventListener('hashchange', function () { follow(location.hash, true); });
    doc.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) { return; }
      var t = e.target, tag = t && t.tagName;
      if (tag === 'SELECT' || tag === 'TEXTAREA' || (tag === 'INPUT' && t.type !== 'checkbox')) {
        if (e.key === 'Escape') { t.blur(); if (current >= 0) { cards[current].focus({ preventScroll: true }); } }
        return;
      }
      if (e.key === 'j') { move(1); }
      else if (e.key === 'k') { move(-1); }
      else if (e.key === '/') { search.focus(); search.select(); }
      else if (e.key === 'c' && current >= 0) { copyFinding(current, acts.firstChild); }
      else { return; }
      e.preventDefault();
    });
    function fit() { root.style.setProperty('--bar', bar.offsetHeight + 'px'); }
    window.addEventListener('resize', fit);

    api.asText = function (id) { return asText(byId.get(id)); };
    api.select = function (id) { select(byId.get(id), 'center', true); };
    api.apply = apply;
    api.loaded = function () { return ensureAll(); };

    // The first page: the chunks it (and a linked finding) needs, then render, then paint.
    var target = location.hash.length > 1 ? byId.get(decodeURIComponent(location.hash.slice(1))) : undefined;
    var needed = [];
    var firstPage = Math.min(n, PAGE) - 1, targetGroup = Infinity;
    if (target !== undefined) {
      targetGroup = groups.indexOf(groupOf[fileOf[target]]);
      firstPage = Math.min(firstPage, Math.max(0, groups[targetGroup].all[0] - 1));
      needed.push(ensure(chunkOf(seg[target])));
    }
    for (var k = 0; k <= chunkOf(seg[firstPage]); k++) { needed.push(ensure(k)); }
    Promise.all(needed).then(function () {
      bar.hidden = false;
      fit();
      quiet = targetGroup;
      apply();
      quiet = Infinity;
      if (location.hash) { follow(location.hash, true); }
      requestAnimationFrame(function () {
        api.ready = performance.now();
        performance.mark('mtcheck-ready');
        root.setAttribute('data-ready', '1');
        // the rest of the texts, while the reader looks at the first page
        setTimeout(function () { ensureAll().then(function () { if (!words) { searchable(); } }); }, 50);
      });
    });
  }
}());
