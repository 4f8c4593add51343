/*
  The site's search: every article, 对照表 row and section of an explanation that holds
  the query, from the site's own index (comparator/publish/site/term_index.py).

  The index is split by page group and, in each group, by term into buckets; the
  manifest says which buckets each group has. A query word's terms are its triples of
  characters (the word itself if shorter); for each group, the buckets
  of those terms are fetched side by side, and the units holding every term are the
  candidates. They are ranked (articles of regulations, then 对照表 rows, then
  explanations; by page, then in page order), their text is fetched a chunk at a time,
  and those whose text holds every word of the query are shown, ten at a time.

  Regulation text is data: it is shown with textContent, never as HTML.
*/
(() => {
  "use strict";

  const form = document.querySelector("form[data-comparator-search]");
  if (!form) return;
  const input = form.querySelector("input[type=search]");
  const panel = form.querySelector(".comparator-search__panel");
  const list = panel.querySelector("ol");
  const status = panel.querySelector(".comparator-search__status");
  const more = panel.querySelector(".comparator-search__more");
  const root = new URL(form.dataset.root, document.baseURI);
  const index = new URL("search/", root);
  const text = JSON.parse(form.dataset.text);

  const RESULTS_AT_ONCE = 10;
  const RUN = /[\p{L}\p{N}]+/gu; // letters and digits: what the index's terms are made of

  // Header: the form is written after it and moved into it, next to its buttons.
  const inner = document.querySelector(".md-header__inner");
  if (inner) inner.insertBefore(form, inner.querySelector(".md-header__source"));
  form.hidden = false;

  const fetched = new Map(); // address -> promise of its body, shared by the searches
  function get(address, read) {
    if (!fetched.has(address)) {
      const body = fetch(new URL(address, index)).then((response) => {
        if (!response.ok) throw new Error(`${address}: ${response.status}`);
        return read(response);
      });
      body.catch(() => fetched.delete(address)); // tried again by the next search
      fetched.set(address, body);
    }
    return fetched.get(address);
  }
  const manifest = () => get("manifest.json", (response) => response.json());

  const fold = (value) => value.normalize("NFKC").toLowerCase();

  // The terms of a query word (term_index.terms holds them all): a word of one or two
  // characters itself; of a longer one, its triples of neighbouring characters, at
  // most `most` of them spread over it. Every unit holding the word holds them.
  function wordTerms(word, most) {
    const terms = [];
    for (const run of fold(word).match(RUN) || []) {
      const characters = [...run];
      if (characters.length <= 2) {
        terms.push(run);
        continue;
      }
      let starts = Array.from({ length: characters.length - 2 }, (_, i) => i);
      if (starts.length > most) {
        const step = (starts.length - 1) / (most - 1);
        starts = Array.from({ length: most }, (_, i) => starts[Math.round(i * step)]);
      }
      for (const start of starts) terms.push(characters.slice(start, start + 3).join(""));
    }
    return terms;
  }

  // FNV-1a, 32 bits, over the term's UTF-16 code units (term_index.term_bucket).
  function bucketOf(term, buckets) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < term.length; i++) {
      hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193) >>> 0;
    }
    return hash % buckets;
  }

  function hasBucket(group, bucket) {
    if (!group.bits) group.bits = Uint8Array.from(atob(group.buckets), (c) => c.charCodeAt(0));
    return (group.bits[bucket >> 3] >> (bucket & 7)) & 1;
  }

  // The ids of the wanted terms in a bucket file (term_index.encode_bucket).
  function postings(buffer, wanted, found) {
    const view = new DataView(buffer);
    const bytes = new Uint8Array(buffer);
    let at = 0;
    while (at < bytes.length) {
      const length = bytes[at];
      let term = "";
      for (let k = 0; k < length; k++) term += String.fromCharCode(view.getUint16(at + 1 + 2 * k, true));
      at += 1 + 2 * length;
      const count = view.getUint32(at, true);
      const size = view.getUint32(at + 4, true);
      at += 8;
      if (wanted.has(term)) {
        const ids = new Uint32Array(count);
        let value = 0, scale = 1, last = 0, n = 0;
        for (let p = at; p < at + size; p++) {
          value += (bytes[p] & 0x7f) * scale;
          scale *= 128;
          if (bytes[p] < 0x80) {
            last += value;
            ids[n++] = last;
            value = 0;
            scale = 1;
          }
        }
        found.set(term, ids);
      }
      at += size;
    }
  }

  function intersect(lists) {
    const [first, ...others] = [...lists].sort((a, b) => a.length - b.length);
    let common = Array.from(first);
    for (const ids of others) {
      const kept = [];
      let j = 0;
      for (const id of common) {
        while (j < ids.length && ids[j] < id) j++;
        if (j < ids.length && ids[j] === id) kept.push(id);
      }
      common = kept;
    }
    return common;
  }

  // The units of one group that hold every term.
  async function groupCandidates(info, number, group, terms) {
    if (!group.ranks.length) return [];
    const buckets = terms.map((term) => bucketOf(term, info.buckets));
    if (!buckets.every((bucket) => hasBucket(group, bucket))) return [];
    const files = [...new Set(buckets)];
    const buffers = await Promise.all(
      files.map((bucket) => get(`g${number}/b${bucket}.bin`, (response) => response.arrayBuffer())),
    );
    const wanted = new Set(terms);
    const found = new Map();
    for (const buffer of buffers) postings(buffer, wanted, found);
    if (!terms.every((term) => found.has(term))) return [];
    const unitsPerPage = 2 ** info.unitBits;
    return intersect(terms.map((term) => found.get(term))).map((id) => {
      const page = Math.floor(id / unitsPerPage);
      return { group: number, page, unit: id % unitsPerPage, rank: group.ranks[page] };
    });
  }

  async function candidates(words) {
    const info = await manifest();
    const terms = [...new Set(words.flatMap((word) => wordTerms(word, info.queryTerms)))];
    if (!terms.length) return { info, found: [] }; // punctuation only: nothing indexed
    const found = await Promise.all(
      info.group.map((group, number) => groupCandidates(info, number, group, terms)),
    );
    return { info, found: found.flat().sort((a, b) => a.rank - b.rank || a.unit - b.unit) };
  }

  async function unitOf(info, candidate) {
    const chunk = Math.floor(candidate.unit / info.chunk);
    const docs = await get(`g${candidate.group}/docs-${candidate.page}-${chunk}.json`, (response) =>
      response.json(),
    );
    const [anchor, label, body] = docs.units[candidate.unit % info.chunk];
    const url = new URL(docs.url, root);
    url.hash = anchor;
    return { url: url.href, title: `${docs.title} ${label}`.trim(), body };
  }

  // The folded text, and for each of its code units where it stands in the text.
  function folding(body) {
    let folded = "";
    const from = [];
    let at = 0;
    for (const character of body) {
      const part = fold(character);
      for (let k = 0; k < part.length; k++) from.push(at);
      folded += part;
      at += character.length;
    }
    from.push(at);
    return { folded, from };
  }

  function excerpt(body, word) {
    const { folded, from } = folding(body);
    const found = folded.indexOf(fold(word));
    const at = from[found];
    const end = from[found + fold(word).length];
    const start = Math.max(0, at - 40);
    const part = document.createElement("p");
    const mark = document.createElement("mark");
    mark.textContent = body.slice(at, end);
    const after = body.slice(end, end + 80);
    part.append((start > 0 ? "…" : "") + body.slice(start, at), mark, after);
    if (end + 80 < body.length) part.append("…");
    return part;
  }

  function show(result, word) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.title;
    item.append(link, excerpt(result.body, word));
    list.append(item);
  }

  let current = 0; // the search whose results are shown; an older one stops
  async function search(query) {
    const ticket = ++current;
    list.replaceChildren();
    panel.dataset.query = query; // the query whose results the panel holds
    more.hidden = true;
    const words = query.trim().split(/\s+/).filter(Boolean);
    panel.hidden = words.length === 0;
    if (!words.length) return;
    status.textContent = text.searching;
    const folded = words.map(fold);
    const { info, found } = await candidates(words);
    if (ticket !== current) return;
    let shown = 0;
    let next = 0;
    async function page() {
      more.hidden = true;
      let wanted = RESULTS_AT_ONCE;
      while (wanted > 0 && next < found.length) {
        const batch = found.slice(next, next + wanted);
        next += batch.length;
        const units = await Promise.all(batch.map((candidate) => unitOf(info, candidate)));
        if (ticket !== current) return;
        for (const unit of units) {
          const body = folding(unit.body).folded;
          if (!folded.every((word) => body.includes(word))) continue;
          show(unit, words[0]);
          shown++;
          wanted--;
        }
      }
      more.hidden = next >= found.length;
      status.textContent = shown ? text.found.replace("{n}", shown) : text.none;
    }
    more.onclick = () => page();
    await page();
  }

  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 150);
  });
  input.addEventListener("focus", () => manifest());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") panel.hidden = true;
  });
})();
