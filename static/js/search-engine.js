// The site's search, run in the browser on the static export (manage.py export_site): the same
// method as the server's (engine/search/: analysis, ranking, suggestions, intents), over the
// server's own index, exported as data by engine/search/portable.py with every number the
// ranking weighs (data.rules). Each function here says which Python function it follows; change
// them together (tests/browser/test_export_ranking.py compares the two on the query table).
//
// Nothing here touches the page: search(text, page) returns plain results, and
// static/js/search-export.js shows them. Matches come as [text, isMatch] pieces, never HTML.
(function (site) {
  "use strict";

  var FORMAT = 1;
  var WORD = /[\p{L}\p{N}_]+(?:['’-][\p{L}\p{N}_]+)*/gu; // analysis.WORD
  var TOKEN = /[\p{L}\p{N}_\u0300-\u036f]+/gu; // highlight.TOKEN
  var JOINER = /^[\s‐–-]+$/u; // highlight.JOINER
  var SPACE_CHARACTER = /^[\p{Cc}\p{Zl}\p{Zp}]$/u; // analysis.SPACE_CATEGORIES
  var DROPPED_CHARACTER = /^[\p{Cf}\p{Cs}\p{Co}\p{Cn}\uFFFD]$/u; // analysis.DROP_CATEGORIES
  var MARK = /\p{Mn}/gu;
  var DIGITS = /^\p{Nd}+$/u;
  var ALPHANUMERIC = /^[\p{L}\p{N}]$/u;

  function all(pattern, text) { return text.match(pattern) || []; }
  function codePoints(text) { return Array.from(text); }
  function length(text) { return codePoints(text).length; }

  // engine.languages.fold: lower case, without accents.
  function fold(text) { return text.normalize("NFD").replace(MARK, "").toLowerCase(); }

  // analysis.compact
  function compact(text) {
    return codePoints(text).filter(function (c) { return ALPHANUMERIC.test(c); }).join("");
  }

  // analysis.name_key
  function nameKey(text) {
    return all(WORD, text.toLowerCase().replace(/-/g, " ").replace(/’/g, "'")).join(" ");
  }

  function mapOf(pairs) { return new Map(pairs); }

  function bisectLeft(list, value) {
    var low = 0, high = list.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (list[middle] < value) low = middle + 1; else high = middle;
    }
    return low;
  }

  // Indel similarity, as rapidfuzz's fuzz.ratio: 100 * (1 - (len1 + len2 - 2 LCS) / (len1 +
  // len2)), or 0 when under the cutoff (compared as a share, as rapidfuzz does).
  function ratio(first, second, cutoff) {
    var a = codePoints(first), b = codePoints(second), total = a.length + b.length;
    if (!total) return 100;
    var row = new Array(b.length + 1).fill(0);
    for (var i = 1; i <= a.length; i++) {
      var diagonal = 0;
      for (var j = 1; j <= b.length; j++) {
        var above = row[j];
        row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
        diagonal = above;
      }
    }
    var similarity = 1 - (total - 2 * row[b.length]) / total;
    return similarity >= cutoff / 100 ? similarity * 100 : 0;
  }

  // rapidfuzz process.extract: [choice, score, position], best first, the earlier of equals.
  function extract(query, choices, cutoff, limit) {
    var found = [];
    choices.forEach(function (choice, position) {
      var score = ratio(query, choice, cutoff);
      if (score && score >= cutoff) found.push([choice, score, position]);
    });
    found.sort(function (x, y) { return (y[1] - x[1]) || (x[2] - y[2]); });
    return limit ? found.slice(0, limit) : found;
  }

  function Engine(data) {
    if (!data || data.format !== FORMAT) throw new Error("search index of another format");
    var R = data.rules;
    var self = this;
    this.rules = R;
    this.documents = data.documents;
    var words = data.words;
    this.language = data.language;
    this.words = words;
    this.number = new Map(words.map(function (word, n) { return [word, n]; }));
    this.stems = data.stems;
    this.stopWords = new Set(data.stopWords);
    this.postings = data.postings;
    this.tokens = data.tokens;
    this.inSequences = data.sequenceWords; // words numbered below this stand in the sequences
    this.sorted = words.slice().sort(); // for the words a query word begins
    this.byStem = new Map();
    words.forEach(function (word) {
      var key = self.stemOf(word);
      if (!self.byStem.has(key)) self.byStem.set(key, []);
      self.byStem.get(key).push(word);
    });
    this.stopIds = new Set();
    for (var n = 0; n < this.inSequences; n++) {
      if (this.stopWords.has(fold(words[n]))) this.stopIds.add(n);
    }
    // index._synonym_table, as built on the server, and synonyms_as_written from it.
    var groups = data.synonyms.groups;
    this.synonyms = new Map();
    this.synonymsAsWritten = new Map();
    this.synonymWords = new Set();
    data.synonyms.byStems.forEach(function (entry) {
      self.synonyms.set(entry[0].join(" "), groups[entry[1]]);
    });
    this.synonyms.forEach(function (phrases) {
      phrases.forEach(function (phrase) {
        self.synonymsAsWritten.set(phrase.join(" "), phrases);
        phrase.forEach(function (word) { self.synonymWords.add(word); });
      });
    });
    this.intents = data.intents;
    var vocabulary = data.vocabulary;
    this.names = mapOf(vocabulary.names);
    this.nameList = vocabulary.names.map(function (pair) { return pair[0]; });
    this.variants = mapOf(vocabulary.variants);
    this.vocabularyWords = mapOf(vocabulary.words.map(function (e) { return [e[0], [e[1], e[2]]]; }));
    this.vocabularyList = vocabulary.words.map(function (entry) { return entry[0]; });
    this.nameWordList = vocabulary.nameWords;
    this.nameWords = new Set(vocabulary.nameWords);
    this.compactNames = new Map();
    vocabulary.names.forEach(function (pair) {
      var key = compact(pair[0]);
      if (!self.compactNames.has(key)) self.compactNames.set(key, self.variants.get(pair[0]) || pair[1]);
    });
    this.fieldIndex = {};
    R.FIELDS.forEach(function (name, position) { self.fieldIndex[name] = position; });
  }

  // engine.languages.stem, from the server's table; a word it lacks by STEM_RULES.
  Engine.prototype.stemOf = function (word) {
    var folded = fold(word);
    if (Object.prototype.hasOwnProperty.call(this.stems, folded)) return this.stems[folded];
    return this.stemUnknown(folded);
  };

  // A word the site never uses, nor its synonyms and glossary: the server runs Snowball's
  // stemmer on it, which takes an ending off. What matters is only whether that stem is one of
  // the site's, and which: so take the longest of the site's stems that begins the word and
  // leaves one of the endings Snowball takes off ("insurence" -> "insur", as "insurance").
  // Anything else is its own stem, which finds nothing by stem (the words it begins still count).
  var ENDINGS = {
    en: ("s es ed ing e y ly er ers est ness ment ments ation ations ion ions ive ives ous ity " +
      "ities al als ally ic ics ical ism ist ists able ible ful fully ize ized izes izing ise ised " +
      "ence ences ance ances ent ents ant ants ate ated ates ating ator ators ies ied edly ingly " +
      "'s ship ships").split(" "),
    es: ("a o e as os es á é í ó ar er ir ado ada ados adas ido ida idos idas ando iendo " +
      "amos emos imos an en ía ían aba aban ará arán aría arían ción ciones mente amente idad " +
      "idades ico ica icos icas oso osa osos osas ivo iva ivos ivas ista istas ismo ismos able " +
      "ables ible ibles ante antes ancia ancias encia encias ador adora adores adoras amiento " +
      "amientos imiento imientos logía logías me se le lo la les los las nos").split(" "),
  };
  Engine.prototype.stemUnknown = function (folded) {
    var endings = ENDINGS[this.language] || ENDINGS.en;
    if (!this.knownStems) {
      this.knownStems = new Set();
      for (var word in this.stems) this.knownStems.add(this.stems[word]);
      this.endings = new Set(endings.map(fold));
    }
    if (this.language === "en" && folded.slice(-1) === "y" && this.knownStems.has(folded.slice(0, -1) + "i")) {
      return folded.slice(0, -1) + "i"; // "body" -> "bodi", as Snowball's English does
    }
    for (var cut = Math.max(3, folded.length - 8); cut < folded.length; cut++) {
      var stem = folded.slice(0, cut);
      if (this.knownStems.has(stem) && this.endings.has(folded.slice(cut))) return stem;
    }
    return folded;
  };

  Engine.prototype.isStop = function (word) { return this.stopWords.has(fold(word)); };

  // analysis.stem_key
  Engine.prototype.stemKey = function (key) {
    var self = this;
    return key.split(/\s+/).filter(Boolean).map(function (w) { return self.stemOf(w); }).join(" ");
  };

  // analysis.parse_query
  Engine.prototype.parseQuery = function (raw) {
    var R = this.rules, self = this;
    var text = codePoints(String(raw)).slice(0, R.MAX_QUERY_LENGTH * 4).join("").normalize("NFC");
    text = codePoints(text).filter(function (c) { return !DROPPED_CHARACTER.test(c); })
      .map(function (c) { return SPACE_CHARACTER.test(c) ? " " : c; }).join("");
    text = text.split(/\s+/).filter(Boolean).join(" ");
    var truncated = length(text) > R.MAX_QUERY_LENGTH;
    if (truncated) text = codePoints(text).slice(0, R.MAX_QUERY_LENGTH).join("").trimEnd();
    var every = all(WORD, text.toLowerCase()).map(function (w) { return w.replace(/’/g, "'"); })
      .slice(0, R.MAX_WORDS);
    var words = Array.from(new Set(every));
    var meaningful = words.filter(function (w) {
      return !self.isStop(w) && (length(w) > 1 || DIGITS.test(w));
    });
    var phrase = every.filter(function (w) { return !self.isStop(w); });
    if (!phrase.length) phrase = every;
    return {
      text: text,
      words: meaningful.length ? meaningful : words,
      phrase: phrase.length > 1 ? phrase : [],
      truncated: truncated,
      key: nameKey(fold(text)),
    };
  };

  // index.SearchIndex.matching_words: {word: quality} as a Map.
  Engine.prototype.matchingWords = function (word, prefix) {
    var found = new Map(), R = this.rules;
    (this.byStem.get(this.stemOf(word)) || []).forEach(function (w) { found.set(w, 1.0); });
    if (this.number.has(word)) found.set(word, 1.0);
    if (prefix !== false && !found.size && length(word) >= R.PREFIX_LETTERS) {
      var start = bisectLeft(this.sorted, word);
      var end = Math.min(start + R.MAX_PREFIX_WORDS, this.sorted.length);
      for (var i = start; i < end; i++) {
        var other = this.sorted[i];
        if (other.indexOf(word) !== 0) break;
        if (!found.has(other)) found.set(other, R.PREFIX);
      }
    }
    return found;
  };

  // index.SearchIndex.known
  Engine.prototype.known = function (word) {
    return length(word) > 1 ? new Set(this.matchingWords(word).keys()) : new Set([word]);
  };

  // index.SearchIndex.ids_for: the numbers of the words in the fields' sequences.
  Engine.prototype.idsFor = function (word) {
    var self = this, ids = new Set();
    var matching = length(word) > 1 ? Array.from(this.matchingWords(word).keys()) : [word];
    matching.forEach(function (other) {
      var n = self.number.get(other);
      if (n !== undefined && n < self.inSequences) ids.add(n);
    });
    return ids;
  };

  // ranking.concepts
  Engine.prototype.concepts = function (query) {
    var self = this, R = this.rules;
    var words = query.words.map(function (word) { return all(TOKEN, word).map(fold); })
      .filter(function (parts) { return parts.length; });
    var found = [], position = 0;
    while (position < words.length) {
      var run, folded, stems, group = null;
      for (var size = Math.min(words.length - position, 5); size > 0; size--) {
        run = words.slice(position, position + size);
        folded = [].concat.apply([], run);
        stems = folded.map(function (w) { return self.stemOf(w); });
        group = this.synonymsAsWritten.get(folded.join(" ")) || this.synonyms.get(stems.join(" ")) || null;
        if (group !== null || size === 1) break;
      }
      var alternatives = [{ words: folded, quality: 1.0, prefix: true }];
      if (run.length === 1 && folded.length > 1) {
        alternatives.push({ words: [folded.join("")], quality: 1.0, prefix: true });
      }
      (group || []).forEach(function (phrase) {
        if (phrase.map(function (w) { return self.stemOf(w); }).join(" ") !== stems.join(" ")) {
          alternatives.push({ words: phrase, quality: R.SYNONYM, prefix: false });
        }
      });
      found.push({ typed: folded, alternatives: alternatives });
      position += run.length;
    }
    return found;
  };

  // ranking._alternative_hits: Map number -> [bits, count, quality]
  Engine.prototype.alternativeHits = function (alternative) {
    var self = this, hits = null;
    alternative.words.forEach(function (word) {
      var these = new Map();
      self.matchingWords(word, alternative.prefix).forEach(function (quality, other) {
        var postings = self.postings[self.number.get(other)];
        for (var i = 0; i < postings.length; i += 2) {
          var n = postings[i], both = postings[i + 1];
          var bits = both & 31, count = both >> 5;
          var old = these.get(n) || [0, 0, 0.0];
          these.set(n, [old[0] | bits, old[1] + count, Math.max(old[2], quality)]);
        }
      });
      if (hits === null) { hits = these; return; }
      var joined = new Map();
      hits.forEach(function (value, n) {
        var other = these.get(n);
        if (other && (value[0] & other[0])) {
          joined.set(n, [value[0] & other[0], Math.min(value[1], other[1]), Math.min(value[2], other[2])]);
        }
      });
      hits = joined;
    });
    var result = new Map();
    (hits || new Map()).forEach(function (value, n) {
      result.set(n, [value[0], value[1], value[2] * alternative.quality]);
    });
    return result;
  };

  // ranking.concept_scores: [Map number -> score, rarity]
  Engine.prototype.conceptScores = function (concept) {
    var self = this, R = this.rules, scores = new Map();
    concept.alternatives.forEach(function (alternative) {
      self.alternativeHits(alternative).forEach(function (hit, n) {
        var best = 0;
        R.FIELDS.forEach(function (name, position) {
          if (hit[0] & (1 << position)) best = Math.max(best, R.WEIGHTS[name]);
        });
        var score = hit[2] * (best + R.TEXT * Math.min(hit[1], R.TEXT_HITS));
        scores.set(n, Math.max(scores.has(n) ? scores.get(n) : 0.0, score));
      });
    });
    var rarity = Math.log(1 + this.documents.length / Math.max(scores.size, 1));
    scores.forEach(function (score, n) { scores.set(n, score * rarity); });
    return [scores, rarity];
  };

  function positions(sequence, numbers) {
    var found = [];
    for (var i = 0; i < sequence.length; i++) if (numbers.has(sequence[i])) found.push(i);
    return found;
  }

  // ranking.count_runs and has_run
  function countRuns(sequence, wanted, stopAt) {
    var count = 0, starts = positions(sequence, wanted[0]);
    for (var s = 0; s < starts.length; s++) {
      var start = starts[s], ok = start + wanted.length <= sequence.length;
      for (var offset = 1; ok && offset < wanted.length; offset++) {
        ok = wanted[offset].has(sequence[start + offset]);
      }
      if (ok) {
        count += 1;
        if (stopAt && count >= stopAt) break;
      }
    }
    return count;
  }
  function hasRun(sequence, wanted) { return countRuns(sequence, wanted, 1) > 0; }

  // ranking._phrase_words
  Engine.prototype.phraseWords = function (query) {
    var self = this, parts = [];
    query.phrase.forEach(function (word) { all(TOKEN, word).forEach(function (p) { parts.push(fold(p)); }); });
    return parts.map(function (part) { return self.idsFor(part); });
  };

  // ranking._phrase_found
  Engine.prototype.phraseFound = function (query, numbers) {
    var self = this, wanted = this.phraseWords(query);
    if (wanted.length < 2) return true;
    return numbers.some(function (n) {
      return self.tokens[n].some(function (sequence) { return hasRun(sequence, wanted); });
    });
  };

  // ranking._bonus
  Engine.prototype.bonus = function (n, query, conceptIds) {
    var self = this, R = this.rules, document = this.documents[n], bonus = 0.0;
    var sequences = this.tokens[n], F = this.fieldIndex;
    var title = sequences[F.title].filter(function (w) { return w !== -1 && !self.stopIds.has(w); });
    if (title.length) {
      var covered = title.filter(function (w) { return conceptIds.has(w); }).length;
      bonus += R.TITLE * covered / title.length;
    }
    if (query.key) {
      var keys = [query.key, compact(query.key), this.stemKey(query.key)];
      if (keys.some(function (key) { return document.keys.indexOf(key) !== -1; })) bonus += 3 * R.TITLE;
    }
    var wanted = this.phraseWords(query);
    if (wanted.length < 2) return bonus;
    var fields = document.kind === "term" ? R.PHRASE_FIELDS_TERM : R.PHRASE_FIELDS_OTHER;
    function weight(run) {
      var best = 0;
      fields.forEach(function (name) {
        if (hasRun(sequences[F[name]], run)) best = Math.max(best, R.WEIGHTS[name]);
      });
      return best;
    }
    var hits = countRuns(sequences[F.text], wanted);
    bonus += 2 * weight(wanted) + 2 * R.TEXT * Math.min(hits, R.TEXT_HITS);
    if (wanted.length > 2) {
      var pairs = 0;
      for (var i = 0; i < wanted.length - 1; i++) pairs += weight(wanted.slice(i, i + 2));
      bonus += pairs;
    }
    return bonus;
  };

  // highlight.FoldedPattern, with the index's own matching (known)
  Engine.prototype.pattern = function (words) {
    var self = this, parts = [];
    words.forEach(function (word) { all(TOKEN, word).forEach(function (p) { parts.push(fold(p)); }); });
    return { known: parts.map(function (part) { return self.known(part); }) };
  };

  var tokenCache = new Map();
  function textTokens(text) {
    var found = tokenCache.get(text);
    if (found) return found;
    found = { starts: [], ends: [], folded: [] };
    var pattern = new RegExp(TOKEN.source, "gu"), match;
    while ((match = pattern.exec(text)) !== null) {
      found.starts.push(match.index);
      found.ends.push(match.index + match[0].length);
      found.folded.push(fold(match[0]));
    }
    if (tokenCache.size > 4000) tokenCache.clear();
    tokenCache.set(text, found);
    return found;
  }

  // highlight.FoldedPattern.finditer: [[start, end], ...]
  function findAllIn(pattern, text, stopAtFirst) {
    var tokens = textTokens(text), known = pattern.known, spans = [];
    if (!known.length) return spans;
    var after = 0, rest = known.length - 1;
    for (var first = 0; first < tokens.folded.length; first++) {
      if (!known[0].has(tokens.folded[first])) continue;
      var last = first + rest;
      if (first < after || last >= tokens.folded.length) continue;
      var ok = true;
      for (var offset = 1; ok && offset <= rest; offset++) {
        var i = first + offset;
        ok = known[offset].has(tokens.folded[i]) &&
          JOINER.test(text.slice(tokens.ends[i - 1], tokens.starts[i]));
      }
      if (ok) {
        after = last + 1;
        spans.push([tokens.starts[first], tokens.ends[last]]);
        if (stopAtFirst) break;
      }
    }
    return spans;
  }

  // highlight.highlight: [[text, isMatch], ...]
  function highlight(text, patterns) {
    var seen = new Set(), spans = [];
    patterns.forEach(function (pattern) {
      findAllIn(pattern, text).forEach(function (span) {
        var key = span[0] + ":" + span[1];
        if (!seen.has(key)) { seen.add(key); spans.push(span); }
      });
    });
    spans.sort(function (a, b) { return (a[0] - b[0]) || (b[1] - a[1]); });
    var pieces = [], position = 0;
    spans.forEach(function (span) {
      if (span[0] < position) return;
      if (span[0] > position) pieces.push([text.slice(position, span[0]), false]);
      pieces.push([text.slice(span[0], span[1]), true]);
      position = span[1];
    });
    if (position < text.length) pieces.push([text.slice(position), false]);
    return pieces;
  }

  // highlight.snippet
  Engine.prototype.snippet = function (text, patterns) {
    var R = this.rules, starts = [];
    patterns.forEach(function (pattern) {
      var found = findAllIn(pattern, text, true);
      if (found.length) starts.push(found[0][0]);
    });
    if (!starts.length) return null;
    var first = Math.min.apply(null, starts), start = 0;
    if (first > R.SNIPPET_BEFORE) {
      var space = text.indexOf(" ", first - R.SNIPPET_BEFORE);
      if (space >= first) space = -1;
      start = space !== -1 ? space + 1 : first - R.SNIPPET_BEFORE;
    }
    var end = start + R.SNIPPET_LENGTH;
    if (end < text.length) {
      var lastSpace = text.lastIndexOf(" ", end - 1);
      if (lastSpace >= start) end = lastSpace;
    }
    var passage = text.slice(start, end).trim();
    return (start > 0 ? "… " : "") + passage + (end < text.length ? " …" : "");
  };

  // ranking._best_passage: [index, count] or [null, 0]
  Engine.prototype.bestPassage = function (n, conceptIds) {
    var self = this, count = this.documents[n].passages.length, totals = [];
    for (var t = 0; t < count; t++) totals.push(0);
    [["headings", 2], ["text", 1]].forEach(function (field) {
      var sequence = self.tokens[n][self.fieldIndex[field[0]]];
      var ends = positions(sequence, new Set([-1]));
      var found = [];
      for (var p = 0; p < count; p++) found.push(new Set());
      conceptIds.forEach(function (concepts, word) {
        positions(sequence, new Set([word])).forEach(function (position) {
          var piece = bisectLeft(ends, position);
          if (piece < count) concepts.forEach(function (c) { found[piece].add(c); });
        });
      });
      found.forEach(function (concepts, piece) { totals[piece] += field[1] * concepts.size; });
    });
    if (!totals.length || Math.max.apply(null, totals) === 0) return [null, 0];
    var best = 0;
    for (var i = 1; i < count; i++) if (totals[i] > totals[best]) best = i;
    return [best, totals[best]];
  };

  // ranking._result
  Engine.prototype.result = function (n, score, patterns, conceptIds, wanted, anchor) {
    var self = this, R = this.rules, document = this.documents[n];
    function wordsIn(text) {
      return patterns.filter(function (p) { return findAllIn(p, text, true).length; }).length;
    }
    var best = null;
    if (anchor) {
      document.passages.forEach(function (p, i) { if (best === null && p[0] === anchor) best = i; });
    } else {
      best = this.bestPassage(n, conceptIds)[0];
    }
    var passage = best !== null ? document.passages[best] : null;
    var url = document.url, heading = [];
    if (anchor || (passage && passage[1] && wordsIn(document.title) < wanted.length)) {
      if (passage[0]) url = document.url + "#" + passage[0];
      heading = highlight(passage[1], patterns);
    }
    var shown = null;
    if (!(document.summary && wordsIn(document.summary))) {
      shown = passage ? this.snippet(passage[2], patterns) : null;
    }
    if (shown === null && !document.summary && document.passages.length) {
      shown = this.snippet(document.passages[0][2], patterns) || document.passages[0][2];
      shown = codePoints(shown).slice(0, R.SNIPPET_LENGTH + 2).join("");
    }
    return {
      document: document,
      score: score,
      url: url,
      title: highlight(document.title, patterns),
      summary: highlight(shown || document.summary, patterns),
      heading: heading,
      alsoCalled: document.names.filter(function (name) { return wordsIn(name); })
        .map(function (name) { return highlight(name, patterns); }),
    };
  };

  // intents.query_stems, asks and best_intent, over the index's table (index.intent_of)
  Engine.prototype.intentOf = function (query) {
    var self = this, R = this.rules;
    var stems = [];
    all(WORD, query.text.toLowerCase()).forEach(function (word) {
      all(TOKEN, fold(word.replace(/’/g, "'"))).forEach(function (part) { stems.push(self.stemOf(part)); });
    });
    function asks(phrase) {
      var position = -1;
      for (var i = 0; i < phrase.length; i++) {
        var window = position >= 0 ? stems.slice(position + 1, position + 2 + R.GAP) : stems;
        var offset = window.indexOf(phrase[i]);
        if (offset === -1) return false;
        position += offset + 1;
      }
      return phrase.length > 0;
    }
    var best = null;
    this.intents.forEach(function (entry) {
      if (asks(entry[0]) && (best === null || entry[0].length > best[0].length)) best = entry;
    });
    return best === null ? null : [best[1], best[2]];
  };

  function emptyFound() {
    return { results: [], total: 0, partial: false, suggestion: "", corrected: false,
      phraseFound: true, routed: false, page: 1, pages: 1, start: 1 };
  }

  // ranking.answer
  Engine.prototype.answer = function (query, page) {
    var self = this, R = this.rules, wanted = this.concepts(query);
    if (!wanted.length) return emptyFound();
    var intent = this.intentOf(query);
    var totals = new Map(), weightFound = new Map(), weightAll = 0.0;
    wanted.forEach(function (concept) {
      var scored = self.conceptScores(concept);
      weightAll += scored[1];
      scored[0].forEach(function (score, n) {
        totals.set(n, (totals.get(n) || 0.0) + score);
        weightFound.set(n, (weightFound.get(n) || 0.0) + scored[1]);
      });
    });
    var numbers = Array.from(totals.keys()), coverage = new Map();
    numbers.forEach(function (n) { coverage.set(n, weightFound.get(n) / weightAll); });
    var complete = numbers.some(function (n) { return coverage.get(n) > R.COMPLETE; });
    var partial = !complete && numbers.length > 0;
    var chosen = numbers.filter(function (n) { return partial || coverage.get(n) >= R.HALF; });
    chosen.forEach(function (n) {
      totals.set(n, totals.get(n) * (Math.pow(Math.min(coverage.get(n), 1.0), 2) * self.documents[n].weight));
    });
    var ranked = chosen.slice().sort(function (a, b) { return (totals.get(b) - totals.get(a)) || (a - b); });
    var conceptIds = new Map();
    wanted.forEach(function (concept, position) {
      concept.alternatives.forEach(function (alternative) {
        alternative.words.forEach(function (word) {
          self.idsFor(word).forEach(function (n) {
            if (!conceptIds.has(n)) conceptIds.set(n, new Set());
            conceptIds.get(n).add(position);
          });
        });
      });
    });
    var head = new Map();
    ranked.slice(0, R.RERANKED).forEach(function (n) {
      head.set(n, totals.get(n) + self.documents[n].weight * self.bonus(n, query, conceptIds));
    });
    var headNumbers = Array.from(head.keys());
    ranked = headNumbers.slice().sort(function (a, b) { return (head.get(b) - head.get(a)) || (a - b); })
      .concat(ranked.slice(R.RERANKED));
    var phraseFound = this.phraseFound(query, headNumbers);
    var anchors = new Map();
    if (intent !== null) {
      anchors.set(intent[0], intent[1]);
      ranked = [intent[0]].concat(ranked.filter(function (n) { return n !== intent[0]; }));
      partial = false;
      phraseFound = true;
    }
    var patterns = [];
    wanted.forEach(function (concept) {
      concept.alternatives.forEach(function (alternative) { patterns.push(self.pattern(alternative.words)); });
    });
    if (query.phrase.length) patterns.unshift(this.pattern(query.phrase));
    var found = emptyFound();
    found.total = ranked.length;
    found.partial = partial;
    found.phraseFound = phraseFound;
    found.routed = intent !== null;
    found.pages = Math.max(1, Math.ceil(found.total / R.PER_PAGE));
    found.page = Math.min(Math.max(page || 1, 1), found.pages);
    found.start = (found.page - 1) * R.PER_PAGE + 1;
    found.results = ranked.slice(found.start - 1, found.start - 1 + R.PER_PAGE).map(function (n) {
      var score = head.has(n) ? head.get(n) : totals.get(n);
      return self.result(n, score, patterns, conceptIds, wanted, anchors.get(n));
    });
    return found;
  };

  // suggestions.Vocabulary.closest_name
  Engine.prototype.closestName = function (foldedQuery) {
    var written = this.compactNames.get(compact(foldedQuery));
    if (written !== undefined) return written;
    var R = this.rules, best = null, bestScore = 0;
    for (var i = 0; i < this.nameList.length; i++) {
      var score = ratio(foldedQuery, this.nameList[i], R.NAME_CUTOFF);
      if (score && score >= R.NAME_CUTOFF && (best === null || score > bestScore)) {
        best = this.nameList[i];
        bestScore = score;
      }
    }
    if (best === null) return null;
    return this.variants.get(best) || this.names.get(best);
  };

  // suggestions.Vocabulary.closest_word
  Engine.prototype.closestWord = function (folded) {
    var R = this.rules, self = this;
    if (length(folded) < R.SHORTEST || DIGITS.test(folded)) return null;
    var cutoff = length(folded) <= 4 ? R.SHORT_WORD_CUTOFF : R.WORD_CUTOFF;
    var lists = [this.nameWordList, this.vocabularyList];
    for (var l = 0; l < lists.length; l++) {
      var found = extract(folded, lists[l], cutoff, R.CANDIDATES);
      if (found.length) {
        var best = found[0];
        found.forEach(function (item) {
          var count = (self.vocabularyWords.get(item[0]) || ["", 0])[1];
          var bestCount = (self.vocabularyWords.get(best[0]) || ["", 0])[1];
          if (item[1] > best[1] || (item[1] === best[1] && count > bestCount)) best = item;
        });
        return (this.vocabularyWords.get(best[0]) || [best[0]])[0];
      }
    }
    return null;
  };

  // suggestions.suggest and suggestion
  Engine.prototype.suggest = function (query) {
    var self = this;
    var typed = all(WORD, query.text).map(function (word) { return [word, fold(word)]; });
    var meaningful = new Set(query.words.map(fold));
    var unknown = new Set();
    typed.forEach(function (pair) {
      if (meaningful.has(pair[1]) && !self.knows(pair[1])) unknown.add(pair[1]);
    });
    if (this.variants.has(query.key)) return this.variants.get(query.key);
    if (!unknown.size) return null;
    var name = this.closestName(query.key);
    if (name !== null) return name;
    var changed = false;
    var replaced = typed.map(function (pair) {
      var better = unknown.has(pair[1]) ? self.closestWord(pair[1]) : null;
      if (better !== null) changed = true;
      return better || pair[0];
    });
    return changed ? replaced.join(" ") : null;
  };

  // suggestions._knows
  Engine.prototype.knows = function (folded) {
    var self = this;
    var parts = all(TOKEN, folded);
    var known = parts.every(function (part) {
      return self.vocabularyWords.has(part) || self.nameWords.has(part);
    });
    return known || this.synonymWords.has(folded);
  };

  // suggestions._closest_phrase
  Engine.prototype.closestPhrase = function (query) {
    var name = this.closestName(query.key);
    if (name === null) return null;
    var same = this.stemKey(nameKey(fold(name)));
    return same === this.stemKey(query.key) ? null : name;
  };

  // suggestions.search: the query's results, with "did you mean"
  Engine.prototype.search = function (raw, page) {
    var query = this.parseQuery(raw);
    var found = this.searchQuery(query, page);
    found.query = query;
    return found;
  };

  Engine.prototype.searchQuery = function (query, page) {
    if (!query.words.length) return emptyFound();
    var found = this.answer(query, page);
    if (found.routed) return found;
    var better = this.suggest(query);
    if (better === null && !found.phraseFound) better = this.closestPhrase(query);
    if (better === null) return found;
    found.suggestion = better;
    var suggested = this.parseQuery(better);
    var weak = !found.results.length || found.partial || !found.phraseFound;
    if (weak || this.intentOf(suggested) !== null) {
      var corrected = this.answer(suggested, page);
      if (corrected.results.length && !corrected.partial) {
        corrected.suggestion = better;
        corrected.corrected = true;
        return corrected;
      }
    }
    return found;
  };

  site.searchEngine = function (data) { return new Engine(data); };
  site.searchEngine.fold = fold;
})(window.carteducation = Object.prototype.hasOwnProperty.call(window, "carteducation")
  ? window.carteducation : {});
