"""Full-text search over the graph's names, descriptions and the report's quotes.

The index is an SQLite FTS5 table (standard library) built from the store once per
content of the data and kept in its cache entry. FTS5 matches
words in any order, ignores case and accents and ranks by BM25 (a name counts more
than a description, a description more than a quote); words that are in no
document are corrected against the index's vocabulary with rapidfuzz, so a small
typo still finds its word. Each hit is one document: a resource's names and
descriptions, or one quote (with its section), or the comment of an editorial
statement about it. Names and descriptions are documents of their own, so that a
long description does not push its resource's name down the ranking.

    >>> from aikg.store import open_store
    >>> hits = search_index(open_store()).search("predictive medicine").hits
    >>> hits[0].prefixed
    'bep:innoviris-predictive-medicine-call'
"""

from __future__ import annotations

import bisect
import re
import sqlite3
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

import pyoxigraph as ox
from rapidfuzz import fuzz, process

from aikg.prefixes import shorten

__all__ = ["MARK", "Hit", "SearchResult", "SearchIndex", "search_index", "normalize", "words", "name_keys"]

INDEX_FILE = "search.sqlite"
MARK = ("«", "»")  # around each matched word in a snippet
WEIGHTS = (10.0, 8.0, 5.0, 1.0)  # BM25 weights of the columns label, alt, keys, text
MAX_ABBREVIATED = 5  # names of more words than this get no abbreviation key
TYPO_SCORE = 80  # rapidfuzz ratio (0-100) above which an unknown word is read as a typo of a known one
_SCHEMA = """
CREATE VIRTUAL TABLE docs USING fts5(
    label, alt, keys, text, resource UNINDEXED, kind UNINDEXED, section UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row');
CREATE TABLE resources (resource TEXT PRIMARY KEY, label TEXT, type TEXT);
CREATE TABLE types (resource TEXT, class TEXT);
CREATE INDEX types_class ON types (class);
CREATE TABLE within (part TEXT, whole TEXT);
"""

# ---------------------------------------------------------------- words


def normalize(text: str) -> str:
    """Lower case without accents: how the index compares words."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The words of a text as FTS5's unicode61 tokenizer cuts them (letters and digits)."""
    return re.findall(r"[^\W_]+", normalize(text))


def _parts(name: str) -> list[str]:
    """A name cut at spaces, punctuation, camelCase and digits: "DigitalWallonia4.ai" -> Digital Wallonia 4 ai."""
    return re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^\W\d_]+", name)


def name_keys(iri: str, names: Iterable[str]) -> list[str]:
    """Extra words a resource is known by: its IRI's local name and its names' abbreviations.

    "DigitalWallonia4.ai" is also "DW4ai" (initials, short words and numbers whole),
    and bep:dw4ai-axis-1-society is also "dw4ai axis 1 society".
    """
    local = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    keys = [" ".join(words(local))]
    for name in names:
        parts = _parts(name)
        if 1 < len(parts) <= MAX_ABBREVIATED:
            keys.append("".join(p if len(p) <= 2 or p.isdigit() else p[0] for p in parts).casefold())
    return list(dict.fromkeys(k for k in keys if k))


# ---------------------------------------------------------------- building

_NAMES = """SELECT ?r ?field ?text WHERE {
  { ?r rdfs:label|skos:prefLabel ?text BIND ("label" AS ?field) }
  UNION { ?r skos:altLabel|skos:hiddenLabel|dct:title ?text BIND ("alt" AS ?field) }
  UNION { ?r rdfs:comment|dct:description|skos:definition ?text BIND ("text" AS ?field) }
  FILTER (isLiteral(?text))
}"""
_QUOTES = """SELECT ?holder ?text ?section WHERE {
  ?holder prov:qualifiedQuotation ?quote . ?quote prov:value ?text .
  OPTIONAL { ?quote prov:atLocation ?section }
}"""
_PARENTS = """SELECT ?parent ?child ?subject WHERE {
  { ?parent ?p ?child FILTER (isBlank(?child) && ?p != prov:qualifiedQuotation) }
  UNION { ?child rdf:subject ?subject FILTER (isBlank(?child)) }
}"""
_TYPES = """SELECT ?r ?type ?class WHERE { ?r a ?type . ?type rdfs:subClassOf* ?class FILTER (isIRI(?r) && isIRI(?class)) }"""
_WITHIN = """SELECT ?part ?whole WHERE { ?part a aikg:Section ; dct:isPartOf* ?whole }"""


def _owners(store) -> dict[str, str]:
    """For each blank node, the IRI it describes: a statement's subject, else the resource that holds it."""
    parent: dict[str, str | ox.NamedNode] = {}
    for row in store.query(_PARENTS):
        child = row["child"].value
        if row["subject"] is not None:
            parent[child] = row["subject"]
        else:
            parent.setdefault(child, row["parent"])
    owners: dict[str, str] = {}
    for child in parent:
        node, seen = parent[child], {child}
        while isinstance(node, ox.BlankNode) and node.value not in seen:
            seen.add(node.value)
            node = parent.get(node.value)
        if isinstance(node, ox.NamedNode):
            owners[child] = node.value
    return owners


def _owner(term, owners: dict[str, str]) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else owners.get(term.value)


def _primary_types(asserted: set[str], supers: dict[str, set[str]]) -> list[str]:
    """The asserted types that are no superclass of another asserted type (the most specific)."""
    return sorted(t for t in asserted if not any(t in supers[u] for u in asserted if u != t))


def build_index(store) -> sqlite3.Connection:
    """A fresh in-memory index of the store."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(_SCHEMA)
    owners = _owners(store)
    fields: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    comments: list[tuple[str, str]] = []
    for row in store.query(_NAMES):
        resource, kind, text = row["r"], row["field"].value, row["text"].value
        if isinstance(resource, ox.NamedNode):
            fields[resource.value][kind].append(text)
        elif kind == "text" and (owner := _owner(resource, owners)):
            comments.append((text, owner))
    asserted: dict[str, set[str]] = defaultdict(set)
    supers: dict[str, set[str]] = defaultdict(set)
    classes: set[tuple[str, str]] = set()
    for row in store.query(_TYPES):
        resource, kind, cls = row["r"].value, row["type"].value, row["class"].value
        asserted[resource].add(kind)
        supers[kind].add(cls)
        classes.add((resource, cls))
    db.executemany("INSERT INTO types VALUES (?, ?)", sorted(classes))
    for resource, texts in sorted(fields.items()):
        texts = defaultdict(list, {kind: sorted(values) for kind, values in texts.items()})
        label = (texts["label"] or texts["alt"] or [""])[0]
        kind = ", ".join(shorten(t, store.prefixes) for t in _primary_types(asserted[resource], supers))
        db.execute("INSERT INTO resources VALUES (?, ?, ?)", (resource, label, kind))
        names = [*texts["label"], *texts["alt"]]
        db.execute("INSERT INTO docs (label, alt, keys, resource, kind) VALUES (?, ?, ?, ?, 'name')",
                   (" ; ".join(texts["label"]), " ; ".join(texts["alt"]), " ; ".join(name_keys(resource, names)), resource))
        db.executemany("INSERT INTO docs (text, resource, kind) VALUES (?, ?, 'description')",
                       [(text, resource) for text in texts["text"]])
    quotes: dict[tuple[str, str, str | None], None] = {}  # one document per resource, text and section
    for row in store.query(_QUOTES):
        owner = _owner(row["holder"], owners)
        if owner:
            section = row["section"].value if row["section"] is not None else None
            quotes[(row["text"].value, owner, section)] = None
    # Sorted: ties in the ranking fall back on the order of insertion, which must not depend on the store's.
    db.executemany("INSERT INTO docs (text, resource, kind, section) VALUES (?, ?, 'quote', ?)",
                   sorted(quotes, key=lambda q: (q[1], q[0], q[2] or "")))
    # A quote given for two facts of one resource, or a comment of two statements, is one hit, not two rows alike.
    db.executemany("INSERT INTO docs (text, resource, kind) VALUES (?, ?, 'comment')", sorted(set(comments)))
    db.executemany("INSERT INTO within VALUES (?, ?)", [(r["part"].value, r["whole"].value) for r in store.query(_WITHIN)])
    db.commit()
    return db


# ---------------------------------------------------------------- searching


@dataclass(frozen=True)
class Hit:
    """One matching document: a resource's names, one of its quotes, or a comment about it."""

    resource: str  # IRI
    prefixed: str
    label: str
    type: str
    kind: str  # name | description | quote | comment
    snippet: str  # the matched text, each matched word between MARK
    section: str | None = None  # IRI of the quote's section
    section_label: str | None = None
    score: float = 0.0  # BM25, lower is better

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class SearchResult:
    hits: list[Hit]
    corrections: dict[str, list[str]] = field(default_factory=dict)  # typo -> the index words searched instead
    partial: bool = False  # no document had every word; these have some


class SearchIndex:
    """An open search index of one store."""

    def __init__(self, db: sqlite3.Connection, prefixes: dict[str, str]):
        self.db, self.prefixes = db, prefixes
        self.vocabulary = sorted(term for (term,) in db.execute("SELECT term FROM vocab"))
        self._lock = threading.Lock()  # one connection, shared by the threads of a server

    def rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """All rows of a statement on the index, one thread at a time."""
        with self._lock:
            return self.db.execute(sql, params).fetchall()

    def label(self, iri: str) -> str:
        rows = self.rows("SELECT label FROM resources WHERE resource = ?", (iri,))
        return rows[0][0] if rows else shorten(iri, self.prefixes)

    def type_of(self, iri: str) -> str:
        """The most specific types of a resource, as prefixed names."""
        rows = self.rows("SELECT type FROM resources WHERE resource = ?", (iri,))
        return rows[0][0] if rows else ""

    def names(self, iri: str) -> list[str]:
        """Every name of a resource (labels, alternative labels, keys), for comparing a whole name."""
        rows = self.rows("SELECT label, alt, keys FROM docs WHERE resource = ? AND kind = 'name'", (iri,))
        return [name.strip() for column in (rows[0] if rows else ()) if column for name in column.split(" ; ")]

    def sections_within(self, sections: Iterable[str]) -> list[str]:
        wanted = list(sections)
        marks = ", ".join("?" * len(wanted))
        return sorted({part for (part,) in self.rows(f"SELECT part FROM within WHERE whole IN ({marks})", wanted)})

    def _alternatives(self, word: str, corrections: dict[str, list[str]]) -> list[str]:
        """The FTS5 terms one query word stands for: itself, words it begins (3+ letters), or near spellings."""
        terms = [f'"{word}"']
        start = bisect.bisect_left(self.vocabulary, word)
        known = start < len(self.vocabulary) and self.vocabulary[start] == word
        begins = start < len(self.vocabulary) and self.vocabulary[start].startswith(word)
        if len(word) >= 3 and begins:
            terms.append(f'"{word}"*')
        if not known and not begins and len(word) >= 4:
            near = [w for w, _score, _ in process.extract(word, self.vocabulary, scorer=fuzz.ratio,
                                                         score_cutoff=TYPO_SCORE, limit=3)]
            if near:
                corrections[word] = near
                terms.extend(f'"{w}"' for w in near)
        return terms

    def search(self, text: str, *, classes: Sequence[str] = (), sections: Sequence[str] = (), limit: int | None = 20,
               names_only: bool = False, some_words: bool = True) -> SearchResult:
        """Documents matching every word of ``text`` (else some of them), best first.

        ``classes`` keeps resources of any of these classes (subclasses included);
        ``sections`` keeps quotes from these sections or their subsections;
        ``names_only`` searches labels, alternative labels and keys only;
        ``some_words`` allows, when no document has every word, those with some.
        """
        corrections: dict[str, list[str]] = {}
        groups = ["(" + " OR ".join(self._alternatives(w, corrections)) + ")" for w in dict.fromkeys(words(text))]
        where, args = [], []
        if classes:
            where.append(f"resource IN (SELECT resource FROM types WHERE class IN ({', '.join('?' * len(classes))}))")
            args.extend(classes)
        if sections:
            inside = self.sections_within(sections)
            where.append(f"section IN ({', '.join('?' * len(inside))})")
            args.extend(inside)
        if names_only:
            where.append("kind = 'name'")
        hits = self._run(" AND ".join(groups), where, args, limit, names_only)
        partial = False
        if not hits and len(groups) > 1 and some_words:
            hits, partial = self._run(" OR ".join(groups), where, args, limit, names_only), True
        return SearchResult(hits, corrections, partial and bool(hits))

    def _run(self, expression: str, where: list[str], args: list, limit: int | None, names_only: bool) -> list[Hit]:
        open_, close = MARK
        conditions = list(where)
        params: list = [open_, close] * 3
        if expression:
            match = f"{{label alt keys}} : ({expression})" if names_only else expression
            conditions.insert(0, "docs MATCH ?")
            params.append(match)
            score = "bm25(docs, {}, {}, {}, {})".format(*WEIGHTS)
        else:
            score = "0"
        params.extend(args)
        sql = (f"SELECT resource, kind, section, highlight(docs, 0, ?, ?), highlight(docs, 1, ?, ?), "
               f"highlight(docs, 3, ?, ?), {score} AS score, label FROM docs "
               f"WHERE {' AND '.join(conditions) or '1'} ORDER BY score, resource, rowid")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [self._hit(*row) for row in self.rows(sql, params)]

    def _hit(self, resource, kind, section, label, alt, text, score, plain_label) -> Hit:
        rows = self.rows("SELECT label, type FROM resources WHERE resource = ?", (resource,))
        name, kind_of = rows[0] if rows else (shorten(resource, self.prefixes), "")
        marked = next((s for s in (text, label, alt) if s and MARK[0] in s), None)
        snippet = marked or plain_label or text or name
        return Hit(resource, shorten(resource, self.prefixes), name, kind_of, kind, snippet, section,
                   self.label(section) if section else None, round(float(score), 3))


def search_index(store) -> SearchIndex:
    """The search index of a store: read from its cache entry, built and kept there the first time."""
    cached = getattr(store, "_search_index", None)
    if cached is not None:
        return cached
    entry = getattr(store, "entry", None)
    data = entry.read_bytes(INDEX_FILE) if entry is not None else None
    if data is None:
        db = build_index(store)
        if entry is not None:
            entry.write_bytes(INDEX_FILE, db.serialize())
    else:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.deserialize(data)
    index = SearchIndex(db, store.prefixes)
    store._search_index = index
    return index
