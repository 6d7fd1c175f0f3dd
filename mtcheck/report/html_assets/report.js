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

  /* The data: base85 of gzip of JSON, in inert script elements (html_data.encode_data). */
  var DIGITS = new Uint8Array(128);
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;.=>?@^_`{|}~'.split('')
    .forEach(function (ch, value) { DIGITS[ch.charCodeAt(0)] = value; });
  function base85(text) {
    // five digits make four bytes, big-endian; a last group of n digits makes n - 1
    var length = text.length, rest = length % 5, size = Math.floor(length / 5) * 4 + (rest ? rest - 1 : 0);
    var bytes = new Uint8Array(size + 4);
    for (var i = 0, at = 0; i < length; i += 5, at += 4) {
      var value = 0;
      for (var k = i; k < i + 5; k++) { value = value * 85 + (k < length ? DIGITS[text.charCodeAt(k)] : 84); }
      value >>>= 0;  // below 2^32 (a padded last group too)
      bytes[at] = value >>> 24;
      bytes[at + 1] = value >>> 16;
      bytes[at + 2] = value >>> 8;
      bytes[at + 3] = value;
    }
    return bytes.subarray(0, size);
  }
  function decode(element) {
    var stream = new Blob([base85(element.textContent)]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      return JSON.parse(new TextDecoder().decode(buffer));
    });
  }
  decode(holder).then(start).catch(function (error) {
    host.textContent = 'This report could not be shown: ' + error;
  });

  function start(D) {
    performance.mark('mtcheck-data');
    var n = D.kind.length, i;
    // each finding's kind (rule, severity, category, side, fix) spread into columns
    var rule = new Uint16Array(n), sev = new Uint8Array(n), cat = new Uint16Array(n);
    var onSource = new Uint8Array(n), fixOf = new Uint8Array(n);
    for (i = 0; i < n; i++) {
      var kind = D.kinds[D.kind[i]];
      rule[i] = kind[0]; sev[i] = kind[1]; cat[i] = kind[2]; onSource[i] = kind[3]; fixOf[i] = kind[4];
    }
    // segment k holds the findings segFirst[k] .. segFirst[k + 1] - 1 (document order)
    var segments = D.counts.length, seg = new Uint32Array(n), segFirst = new Uint32Array(segments + 1);
    for (var k = 0, j = 0; k < segments; k++) {
      segFirst[k] = j;
      seg.fill(k, j, j + D.counts[k]);
      j += D.counts[k];
    }
    segFirst[segments] = n;
    // each file's findings are contiguous: D.fileRanges holds [file, first, end)
    var fileOf = new Uint32Array(n);
    D.fileRanges.forEach(function (r) { fileOf.fill(r[0], r[1], r[2]); });
    // each segment's line, stored after the one before
    var lines = new Float64Array(segments);
    for (k = 0, j = 0; k < segments; k++) { j += D.lines[k]; lines[k] = j; }
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
          chunk.base = D.chunks[k];
          chunk.first = segFirst[chunk.base];
          chunks[k] = chunk;
          (waiting[k] || []).forEach(function (j) { fill(cards[j], j); });
          delete waiting[k];
        });
      }
      return loading[k];
    }
    var everything = null;
    function ensureAll() {
      // one chunk after the other, so the page stays responsive
      if (!everything) {
        everything = D.chunks.reduce(function (done, _, k) {
          return done.then(function () { return ensure(k); });
        }, Promise.resolve());
      }
      return everything;
    }
    function loaded(j) { return !!chunks[chunkOf(seg[j])]; }
    function keyOf(s) {
      // segment s's key: path:line, the path and what follows it, or the whole key
      var key = D.keys[s], path = D.files[fileOf[segFirst[s]]];
      return key === undefined ? path + ':' + lines[s] : typeof key === 'string' ? path + key : key[0];
    }
    function texts(s) {
      // segment s's texts, languages, key, unit and places (its chunk decoded)
      var c = chunks[chunkOf(s)], x = s - c.base, source = c.sources[x], target = c.targets[x];
      var pair = D.languagePairs[c.languages[x]], key = keyOf(s);
      var line = lines[s], place = c.sourcePlaces[x] || [line, 1];
      var column = source !== null && place[0] === line ? place[1] + cpLength(source, units(source)) + 1 : 1;
      return {
        source: source, target: target, srcLang: D.languages[pair[0]], tgtLang: D.languages[pair[1]],
        key: key, unit: key.indexOf('#') >= 0 ? key.slice(key.lastIndexOf('#') + 1) : null,
        line: line, column: column + c.columns[x], sourceLine: place[0], sourceColumn: place[1],
        chrf: c.chrf ? c.chrf[x] : null
      };
    }
    function textsOf(j) {
      // [segment record, finding record] once its chunk is decoded, else null
      if (!loaded(j)) { return null; }
      var s = texts(seg[j]), c = chunks[chunkOf(seg[j])], x = j - c.first;
      var start = c.starts[x], end = start + c.lengths[x], fx = c.fixes[x], place = c.places[x];
      if (!place) { place = onSource[j] ? [s.sourceLine, s.sourceColumn + start] : [s.line, s.column + start]; }
      var fix = null;
      if (fx) {
        var base = onSource[j] ? 0 : start;
        fix = [fx[0], fx[1].map(function (e) { return [e[0] + base, e[1] + base, e[2]]; })];
      }
      var body = onSource[j] ? s.source : s.target, flagged = cut(body, units(body), start, end);
      var replacement = fix && !onSource[j] ? replaced(flagged, fx[1]) : null;
      if (fix) { fix[0] = filled(c.strings[fx[0]], flagged, replacement); }
      var message = filled(c.strings[c.messages[x]], flagged, replacement);
      return [s, { start: start, end: end, line: place[0], column: place[1], message: message, fix: fix }];
    }
    function replaced(flagged, edits) {
      // what a fix puts in place of the flagged text (edits relative to it), or null if an edit lies outside it
      var map = units(flagged), length = cpLength(flagged, map), out = '', cursor = 0;
      for (var e = 0; e < edits.length; e++) {
        if (edits[e][0] < cursor || edits[e][1] > length || edits[e][0] > edits[e][1]) { return null; }
        out += cut(flagged, map, cursor, edits[e][0]) + edits[e][2];
        cursor = edits[e][1];
      }
      return out + cut(flagged, map, cursor, length);
    }
    function filled(text, flagged, replacement) {
      // a message or fix title with the flagged text and the replacement put back (html_data._templated)
      if (typeof text !== 'string') { return text[0]; }
      if (replacement !== null && text.indexOf('\x02') >= 0) { text = text.split('\x02').join(replacement); }
      return text.indexOf('\x01') >= 0 ? text.split('\x01').join(flagged) : text;
    }


    /* Links: a finding's fragment is worked out as html_data.anchor does it: the CRC-32 of its
       segment's key, then the upper half of the CRC-32 of its rule and flagged text (the UTF-8
       bytes); a repeat in its segment gets -2... The keys are in the index, so a link finds
       its segment before any texts are decoded. */
    var CRC = new Int32Array(256);
    for (i = 0; i < 256; i++) {
      var c = i;
      for (var b = 0; b < 8; b++) { c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
      CRC[i] = c;
    }
    function crc32(text, crc) {
      // crc (a running state, -1 to start) run on over the UTF-8 bytes of text (lone surrogates as U+FFFD)
      for (var q = 0; q < text.length; q++) {
        var code = text.charCodeAt(q);
        if (code < 0x80) {
          crc = CRC[(crc ^ code) & 255] ^ (crc >>> 8);
          continue;
        }
        if (code >= 0xd800 && code < 0xdc00 && q + 1 < text.length && (text.charCodeAt(q + 1) & 0xfc00) === 0xdc00) {
          code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(++q) - 0xdc00);
        } else if (code >= 0xd800 && code < 0xe000) {
          code = 0xfffd;
        }
        var count = code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        for (var k = count - 1; k >= 0; k--) {
          var byte = k === count - 1 ? (0xf00 >> count & 0xff) | code >> 6 * k : 0x80 | (code >> 6 * k & 0x3f);
          crc = CRC[(crc ^ byte) & 255] ^ (crc >>> 8);
        }
      }
      return crc;
    }
    var keyHashes = null, pathStates = {}, ruleStates = {};
    var findingHashes = new Uint16Array(n), hashed = new Uint8Array(segments);
    function keyHash(s) {
      // the CRC-32 of segment s's key (of all keys, the first time: they are short)
      if (!keyHashes) {
        keyHashes = new Uint32Array(segments);
        for (var t = 0; t < segments; t++) {
          var key = D.keys[t], file = fileOf[segFirst[t]];
          if (Array.isArray(key)) {
            keyHashes[t] = ~crc32(key[0], -1);
          } else {
            // the state after the path is kept
            if (pathStates[file] === undefined) { pathStates[file] = crc32(D.files[file], -1); }
            keyHashes[t] = ~crc32(key === undefined ? ':' + lines[t] : key, pathStates[file]);
          }
        }
      }
      return keyHashes[s];
    }
    function hashSegment(s) {
      // the second half of the fragments of segment s's findings (its chunk decoded)
      var c = chunks[chunkOf(s)], x = s - c.base, source = c.sources[x], target = c.targets[x];
      var maps = [units(target), source === null ? null : units(source)];
      for (var m = segFirst[s]; m < segFirst[s + 1]; m++) {
        var y = m - c.first, start = c.starts[y], body = onSource[m] ? source : target;
        if (ruleStates[rule[m]] === undefined) { ruleStates[rule[m]] = crc32(D.rules[rule[m]] + '\0', -1); }
        findingHashes[m] = ~crc32(cut(body, maps[onSource[m]], start, start + c.lengths[y]), ruleStates[rule[m]]) >>> 16;
      }
      hashed[s] = 1;
    }
    function repeats(j) {
      // how many findings of j's segment, j included, up to j have its hash
      var count = 0;
      for (var m = segFirst[seg[j]]; m <= j; m++) { count += findingHashes[m] === findingHashes[j] ? 1 : 0; }
      return count;
    }
    function hex(value, digits) { return ('0000000' + (value >>> 0).toString(16)).slice(-digits); }
    function idOf(j) {
      // null until its chunk is decoded
      if (!loaded(j)) { return null; }
      if (!hashed[seg[j]]) { hashSegment(seg[j]); }
      var count = repeats(j);
      return 'f-' + hex(keyHash(seg[j]), 8) + hex(findingHashes[j], 4) + (count > 1 ? '-' + count : '');
    }
    function byId(id) {
      // a promise of the finding with this fragment (undefined: none): the segments with its
      // key's hash are looked at in turn, each once its chunk is decoded
      var parts = /^f-([0-9a-f]{8})([0-9a-f]{4})(?:-([0-9]+))?$/.exec(id);
      if (!parts) { return Promise.resolve(undefined); }
      var key = parseInt(parts[1], 16), finding = parseInt(parts[2], 16), repeat = parts[3] ? +parts[3] : 1;
      keyHash(0);
      var found = Promise.resolve(undefined);
      keyHashes.forEach(function (hash, s) {
        if (hash !== key) { return; }
        found = found.then(function (j) {
          if (j !== undefined) { return j; }
          return ensure(chunkOf(s)).then(function () {
            if (!hashed[s]) { hashSegment(s); }
            for (var m = segFirst[s], count = 0; m < segFirst[s + 1]; m++) {
              if (findingHashes[m] === finding && ++count === repeat) { return m; }
            }
            return undefined;
          });
        });
      });
      return found;
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
      var srcLang = s.srcLang, tgtLang = s.tgtLang;
      a.classList.remove('wait');
      a.id = idOf(j);
      var h = el('h3');
      var link = el('a', null, D.files[fileOf[j]] + ':' + f.line + ':' + f.column);
      link.href = '#' + a.id;
      h.appendChild(link);
      if (s.unit) { h.append(' ', el('span', 'u', s.unit)); }
      h.append(' ', el('b', 'sv', D.severities[sev[j]]), ' ', el('code', null, D.rules[rule[j]]), ' ',
        el('i', null, D.categories[cat[j]]));
      if (source) { h.append(' ', el('span', 'sd', 'source side')); }
      if (s.chrf !== null) { h.append(' ', el('span', 'ch', 'chrF ' + s.chrf.toFixed(1))); }
      if (j === current) { h.appendChild(acts); }
      a.append(h, el('p', 'm', f.message));
      var st = el('div', s.source === null ? 'st mono' : 'st');
      if (s.source !== null) {
        var ratio = s.target.length ? s.source.length / s.target.length : 0;
        st.appendChild(side('sr', s.source, srcLang, source ? f.start : -1, f.end, Math.floor(f.start * ratio)));
      }
      st.appendChild(side('tg', s.target, tgtLang, source ? -1 : f.start, f.end, 0));
      a.appendChild(st);
      var fx = f.fix;
      if (fx) {
        var safety = fixOf[j] === 0 ? 'safe' : 'suggestion';
        var box = el('div', 'fx'), label = el('b', 'sf', safety === 'safe' ? 'safe fix' : 'suggestion');
        label.setAttribute('data-x', safety);
        box.append(label, ' ');
        addText(box, fx[0]);
        if (!source && fx[1].length) {
          var lines = fixLines(s.target, fx[1]);
          box.append(line('bf', lines.before, lines, tgtLang), line('af', lines.after, lines, tgtLang));
        }
        a.appendChild(box);
      }
    }

    /* Copy as text: the finding as a person would paste it into a ticket. */
    function link(j) { return location.href.split('#')[0] + '#' + idOf(j); }
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
      var out = [visible(D.files[fileOf[j]]) + ':' + f.line + ':' + f.column + ': ' + D.severities[sev[j]] + ' ' +
        D.rules[rule[j]] + ' (' + D.categories[cat[j]] + ')', '  ' + visible(f.message)];
      if (s.source !== null) {
        out.push('  source: ' + visible(source ? marked(s.source, f.start, f.end) : plainText(s.source)));
      }
      out.push('  target: ' + visible(source ? plainText(s.target) : marked(s.target, f.start, f.end)));
      var fx = f.fix;
      if (fx) {
        out.push('  fix (' + (fixOf[j] === 0 ? 'safe' : 'suggestion') + ')' + (fx[0] ? ': ' + visible(fx[0]) : ''));
        if (!source && fx[1].length) {
          var lines = fixLines(s.target, fx[1]);
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
      words = new Array(n);
      chunks.forEach(function (c) {
        c.targets.forEach(function (target, x) {
          var s = c.base + x, source = c.sources[x], key = keyOf(s), maps = null;
          var unit = key.indexOf('#') >= 0 ? key.slice(key.lastIndexOf('#') + 1) : '';
          segmentWords.push(((source || '') + '\n' + target).toLowerCase());
          for (var j = segFirst[s]; j < segFirst[s + 1]; j++) {
            var y = j - c.first, message = c.strings[c.messages[y]], fx = c.fixes[y], title = fx ? c.strings[fx[0]] : '';
            if (!verbatim(message) || !verbatim(title)) {
              // put the flagged text and the fix's replacement back in
              maps = maps || [units(target), source === null ? null : units(source)];
              var start = c.starts[y], flagged = cut(onSource[j] ? source : target, maps[onSource[j]], start, start + c.lengths[y]);
              var replacement = fx && !onSource[j] ? replaced(flagged, fx[1]) : null;
              message = filled(message, flagged, replacement);
              title = fx ? filled(title, flagged, replacement) : '';
            }
            words[j] = [message, D.rules[rule[j]], D.categories[cat[j]], D.files[fileOf[j]], unit, title,
              fx ? fx[1].map(function (e) { return e[2]; }).join(' ') : ''].join('\n').toLowerCase();
          }
        });
      });
    }
    function verbatim(text) { return typeof text === 'string' && !/[\x01\x02]/.test(text); }  // no stand-ins
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
      if (hash) {
        // the fragment needs the finding's texts: its chunk may still be on its way
        var mark = function () {
          if (current === j && location.hash !== '#' + idOf(j)) { history.replaceState(null, '', '#' + idOf(j)); }
        };
        if (loaded(j)) { mark(); } else { ensure(chunkOf(seg[j])).then(mark); }
      }
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
      if (/^f-[0-9a-f]/.test(id)) {
        byId(id).then(function (j) { if (j !== undefined) { select(j, scroll ? 'center' : false, false); } });
        return;
      }
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

    api.asText = function (id) { return byId(id).then(asText); };
    api.select = function (id) { return byId(id).then(function (j) { select(j, 'center', true); }); };
    api.apply = apply;
    api.loaded = function () { return ensureAll(); };

    // The first page: the chunks it needs (a link needs them all, to find its finding), then
    // render, then paint.
    var wanted = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : '';
    (/^f-[0-9a-f]/.test(wanted) ? byId(wanted) : Promise.resolve(undefined)).then(function (target) {
      var needed = [];
      var firstPage = Math.min(n, PAGE) - 1, targetGroup = Infinity;
      if (target !== undefined) {
        targetGroup = groups.indexOf(groupOf[fileOf[target]]);
        firstPage = Math.min(firstPage, Math.max(0, groups[targetGroup].all[0] - 1));
      }
      for (var k = 0; k <= chunkOf(seg[firstPage]); k++) { needed.push(ensure(k)); }
      return Promise.all(needed).then(function () { return target; });
    }).then(function (target) {
      bar.hidden = false;
      fit();
      quiet = target === undefined ? Infinity : groups.indexOf(groupOf[fileOf[target]]);
      apply();
      quiet = Infinity;
      if (target !== undefined) { select(target, 'center', false); } else if (location.hash) { follow(location.hash, true); }
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
