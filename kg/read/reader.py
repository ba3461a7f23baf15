"""Read a VNA news page: file -> decoded text -> documents -> repaired sentences.

A page holds a main article (title, lede, photo line, dateline, body ending with "-VNA") and,
after a line "Voir plus", teasers of exactly three non-empty lines (caption, title, lede).  Each
becomes a :class:`~kg.model.Document` whose parts and sentences keep their offsets in the
decoded file (:attr:`Page.text`); the scraping damage is repaired by :mod:`kg.read.repair`.

Regex and :mod:`wordfreq` only, no statistical model: reading a page takes milliseconds.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from kg.datafiles import wordlist
from kg.errors import (
    BinaryInputError,
    EmptyInputError,
    NoArticleError,
    OverBudgetError,
    ReadError,
    TooLargeError,
    UndecodableError,
    WrongLanguageError,
)
from kg.model import Dateline, Document, Page, Part, PartKind, Repair, Sentence
from kg.read.repair import WORD, function_words, repair_span

#: A page whose words are less than this share of French function words is not French.
MIN_FRENCH_RATIO = 0.15
#: Fewer words than this is no article.
MIN_ARTICLE_WORDS = 20
#: Share of control characters above which a file is binary.
MAX_CONTROL_RATIO = 0.05
#: A page file larger than this is refused before anything of it is read.
MAX_PAGE_BYTES = 5_000_000


@dataclass(frozen=True)
class Budget:
    """The most work reading one page may take, as sizes, never as time, so that a build
    gives the same result on any machine.  Reading costs time in proportion to ``chars``;
    extraction in proportion to ``words``, ``sentences`` and the longest sentence's words.
    A real VNA page has under 20,000 characters, 2,000 words, 100 sentences of under 100
    words; the limits are well above, and a page over one is skipped with the reason."""

    #: characters of the decoded page, markup included
    chars: int = 2_000_000
    #: words of the page's text
    words: int = 200_000
    #: sentences of all its documents
    sentences: int = 10_000
    #: words of its longest sentence
    sentence_words: int = 1_000


DEFAULT_BUDGET = Budget()

_MARKER = re.compile(r"(?<!\s)\s*(?:ả|a\u0309)nh\s*\d+\s*")
_CREDIT = re.compile(r"(?<!\s)\s*\(?\s*\b(?:Photos?|Ảnh)\s?:[^()\n]*\)?\s*$")
_DATELINE = re.compile(
    r"(?P<place>[A-ZÀ-ÖØ-Ý][^\W\d_]*(?:[ '-][A-ZÀ-ÖØ-Ý][^\W\d_]*){0,3})"
    r"(?:\s*,\s*(?P<date>[^()\n,]{1,40}?))?\s*\((?P<agency>[A-Z][A-Za-z/ ]{1,15})\)\s*[-–—]\s*"
)
_CLOSING = re.compile(r"(?<!\s)\s*[-–—]\s*VNA\s*$")
_SOURCE = re.compile(r"(?i)source\s*:?.{0,60}")
_SEE_MORE = re.compile(r"(?i)voir plus")
_LINK = re.compile(r"\[[^\[\]]+\]")
_SENTENCE_END = re.compile(
    r"(?<![.!?…])[.!?…]+[\"»)\]]*(?=\s+[\"«(\[]?[A-ZÀ-ÖØ-Þ0-9])"
    # Sentences glued at their full stop by the scraper: "en 2014.La vice-présidente".
    r"|(?<=[a-zà-ÿ0-9]{2}[.])(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])"
)
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALISM = re.compile(r"(?:[A-Z]\.)*[A-Z]")
# The look-behinds of _MARKER, _CREDIT, _CLOSING and _SENTENCE_END change no match (a match
# is leftmost, so it never starts inside a run of what it begins with); they keep a search
# from trying every position of a long run of spaces or dots, which made it quadratic.


@cache
def _abbreviations() -> frozenset[str]:
    return wordlist("reader_abbreviations.txt", single=True)


@cache
def _english_words() -> frozenset[str]:
    return wordlist("reader_stopwords_en.txt", single=True)


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def open_page(path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES) -> BinaryIO:
    """``path`` opened for reading once it is known to be a regular file within ``max_bytes``.

    Type and size come from the open file (``fstat``), before any byte is read: a device such
    as ``/dev/zero``, a pipe or a folder is refused, and so is a 3 GB sparse file, at no cost in
    memory.  Raises :class:`~kg.errors.ReadError` (:class:`~kg.errors.TooLargeError` for the
    size) naming the file.
    """
    path = Path(path)
    try:
        # O_NONBLOCK: opening a pipe with no writer must not hang; regular files ignore it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({e.strerror or e})") from e
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), "not a file")
            raise ReadError(f"{path}: {kind}, not a regular file: only page files are read")
        if info.st_size > max_bytes:
            raise TooLargeError(f"{path}: {info.st_size} bytes, over the limit of {max_bytes}")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_page_bytes(path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES) -> bytes:
    """The bytes of the page file ``path``, checked by :func:`open_page` first; a file that
    grows past ``max_bytes`` while it is read is refused too."""
    with open_page(path, max_bytes=max_bytes) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as e:
            raise ReadError(f"{path}: cannot read ({e.strerror or e})") from e
    if len(data) > max_bytes:
        raise TooLargeError(f"{path}: over the limit of {max_bytes} bytes")
    return data


def read_page(
    path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES, budget: Budget = DEFAULT_BUDGET
) -> Page:
    """Read a news page saved as plain text or HTML.

    Raises a :class:`~kg.errors.ReadError` subclass naming the file when it cannot be read, is
    not a regular file, is empty, binary, too large, undecodable, not French, over the reading
    ``budget`` or holds no article.
    """
    path = Path(path)
    data = read_page_bytes(path, max_bytes=max_bytes)
    if not data.strip():
        raise EmptyInputError(f"{path}: the file is empty")
    text, encoding, warnings = _decode(data, path)
    return _read(
        text,
        article=path.name,
        path=str(path),
        encoding=encoding,
        warnings=warnings,
        budget=budget,
    )


def read_text(text: str, *, article: str, path: str = "") -> Page:
    """Read a page from already decoded text; ``article`` names it (usually the file name).

    Examples:
        >>> body = "Le ministre a reçu son homologue, qui est en visite de travail au Vietnam."
        >>> text = f"Un titre\\nUn chapeau.\\nHanoï (VNA) - {body} Il est content. -VNA\\n"
        >>> page = read_text(text, article="sample.txt")
        >>> [(doc.section, doc.dateline.place) for doc in page.documents]
        [('main', 'Hanoï')]
        >>> [s.text[:20] for s in page.documents[0].sentences]
        ['Un titre', 'Un chapeau.', 'Le ministre a reçu s', 'Il est content.']
    """
    return _read(
        text, article=article, path=path, encoding="utf-8", warnings=(), budget=DEFAULT_BUDGET
    )


def _read(
    text: str,
    *,
    article: str,
    path: str,
    encoding: str,
    warnings: tuple[str, ...],
    budget: Budget,
) -> Page:
    name = path or article
    notes = list(warnings)
    _check_budget(name, "characters", len(text), budget.chars)
    if _looks_like_html(text):
        text = html_to_text(text)
        notes.append(f"{name}: HTML page, offsets refer to its visible text")
    if not text.strip():
        raise EmptyInputError(f"{name}: no text")
    _check_language(text, name, budget)
    lines = list(_lines(text))
    split = next((i for i, ln in enumerate(lines) if _SEE_MORE.fullmatch(ln.text)), None)
    main_lines = lines if split is None else lines[:split]
    teaser_lines = [] if split is None else lines[split + 1 :]
    if len(main_lines) < 2 and not (main_lines and _starts_article(main_lines[0].text)):
        raise NoArticleError(f"{name}: no article (a title followed by text) before 'Voir plus'")
    page_words = frozenset(m.group() for m in WORD.finditer(text))
    builder = _Builder(text, article, page_words)
    main, closed = builder.main(main_lines)
    if not closed and split is None:
        notes.append(f"{name}: no closing '-VNA' and no 'Voir plus': the page looks truncated")
    elif not closed:
        notes.append(f"{name}: no closing '-VNA' in the main article")
    documents = [main]
    groups = [teaser_lines[i : i + 3] for i in range(0, len(teaser_lines), 3)]
    if len(teaser_lines) % 3:
        notes.append(
            f"{name}: {len(teaser_lines)} teaser lines after 'Voir plus', not a multiple of 3"
        )
    for number, group in enumerate(groups, start=1):
        documents.append(builder.teaser(group, number))
    _check_sentences(name, documents, budget)
    return Page(
        path=path,
        article=article,
        text=text,
        encoding=encoding,
        documents=tuple(documents),
        warnings=tuple(notes),
    )


def _decode(data: bytes, path: Path) -> tuple[str, str, tuple[str, ...]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise UndecodableError(
                f"{path}: a UTF-16 byte-order mark but not UTF-16 text ({e.reason} at byte"
                f" {e.start} of {len(data)})"
            ) from e
        controls = sum(1 for ch in text[:65536] if ch < " " and ch not in "\t\n\r\f")
        if "\x00" in text[:65536] or controls > MAX_CONTROL_RATIO * len(text[:65536]):
            raise BinaryInputError(f"{path}: binary file (NUL or control characters), not text")
        return text, "utf-16", ()
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f")
    if b"\x00" in sample or controls / len(sample) > MAX_CONTROL_RATIO:
        raise BinaryInputError(f"{path}: binary file (NUL or control bytes), not text")
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    try:
        return data.decode("utf-8"), encoding, ()
    except UnicodeDecodeError as e:
        first_bad = e.start + (3 if encoding == "utf-8-sig" else 0)
    # UTF-8 with a few bad bytes (more characters decode than bytes fail) stays UTF-8, the
    # bad bytes replaced by U+FFFD; text that is not UTF-8 is almost always cp1252, or
    # Latin-1 where cp1252 fails.
    text = data.decode("utf-8", errors="replace")
    genuine = data.count("\ufffd".encode())
    bad = text.count("\ufffd") - genuine
    decoded = sum(1 for ch in text if ch >= "\x80") - bad
    if encoding == "utf-8-sig" or decoded > bad:
        return (
            text,
            encoding,
            (
                f"{path}: {bad} invalid UTF-8 sequence{'s' if bad > 1 else ''} (the first at"
                f" byte {first_bad}) replaced by U+FFFD",
            ),
        )
    for fallback in ("cp1252", "latin-1"):
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        return text, fallback, (f"{path}: not UTF-8, decoded as {fallback}",)
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _check_budget(name: str, what: str, size: int, limit: int) -> None:
    if size > limit:
        raise OverBudgetError(
            f"{name}: over the reading budget: {size:,} {what}, the limit is {limit:,}"
        )


def _check_sentences(name: str, documents: list[Document], budget: Budget) -> None:
    sentences = [s for doc in documents for s in doc.sentences]
    _check_budget(name, "sentences", len(sentences), budget.sentences)
    longest = max((sum(1 for _ in WORD.finditer(s.text)) for s in sentences), default=0)
    _check_budget(name, "words in one sentence", longest, budget.sentence_words)


def _check_language(text: str, name: str, budget: Budget) -> None:
    words = [w.lower() for w in WORD.findall(text)]
    _check_budget(name, "words", len(words), budget.words)
    if len(words) < MIN_ARTICLE_WORDS:
        raise NoArticleError(f"{name}: only {len(words)} words, no article")
    french = sum(1 for w in words if w in function_words()) / len(words)
    if french < MIN_FRENCH_RATIO:
        english = sum(1 for w in words if w in _english_words()) / len(words)
        guess = " (looks English)" if english > french else ""
        raise WrongLanguageError(
            f"{name}: not French{guess}: {french:.0%} French function words,"
            f" {english:.0%} English ones, need at least {MIN_FRENCH_RATIO:.0%} French"
        )


def _starts_article(line: str) -> bool:
    """A line that opens with a dateline ("Hanoï (VNA) - ...") is body text, not a headline."""
    return bool(_DATELINE.match(line))


def _is_caption(line: str) -> bool:
    """A photo line: the "ảnh N" marker or a trailing photo credit."""
    return bool(_MARKER.search(line) or _CREDIT.search(line))


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> Iterator[_Line]:
    """Non-empty lines, stripped, with their offsets."""
    for m in re.finditer(r"[^\n]+", text):
        left = len(m.group()) - len(m.group().lstrip())
        stripped = m.group().strip()
        if stripped:
            start = m.start() + left
            yield _Line(stripped, start, start + len(stripped))


class _Builder:
    """Turns the lines of one page into documents."""

    def __init__(self, text: str, article: str, page_words: frozenset[str]) -> None:
        self.text = text
        self.article = article
        self.page_words = page_words

    def main(self, lines: list[_Line]) -> tuple[Document, bool]:
        # A page scraped from its dateline or from a photo caption has no headline.
        first = 0 if _starts_article(lines[0].text) or _is_caption(lines[0].text) else 1
        parts: list[Part] = [self._part("headline", lines[0].start, lines[0].end)][:first]
        markers: list[Repair] = []
        dateline: Dateline | None = None
        closed = False
        for number, line in enumerate(lines[first:], start=first):
            start, end = line.start, line.end
            if number == len(lines) - 1 or (
                number == len(lines) - 2 and _SOURCE.fullmatch(lines[-1].text)
            ):
                closing = _CLOSING.search(line.text)
                if closing:
                    closed = True
                    end = start + closing.start()
                    markers.append(self._marker(end, line.end))
            if _SOURCE.fullmatch(line.text) and number == len(lines) - 1:
                markers.append(self._marker(start, end))
                continue
            if _MARKER.search(line.text) or (number == 0 and _is_caption(line.text)):
                parts.extend(self._caption(start, end, markers))
                continue
            if _LINK.fullmatch(line.text):
                parts.append(self._part("link", start, end))
                continue
            m = _DATELINE.match(line.text) if dateline is None else None
            if m:
                dateline = Dateline(
                    place=m.group("place"),
                    date=m.group("date"),
                    agency=m.group("agency"),
                    start=start,
                    end=start + m.end(),
                )
                parts.append(self._part("dateline", start, start + len(m.group().rstrip())))
                start += m.end()
            kind: PartKind = "lede" if number == 1 and first and dateline is None else "body"
            if start < end:
                parts.append(self._part(kind, start, end))
        return self._document("main", parts, markers, dateline), closed

    def teaser(self, lines: list[_Line], number: int) -> Document:
        markers: list[Repair] = []
        if len(lines) < 3:
            kinds: list[PartKind] = ["headline", "lede"][: len(lines)]  # type: ignore[assignment]
            parts = [self._part(k, ln.start, ln.end) for k, ln in zip(kinds, lines, strict=False)]
            return self._document(f"teaser-{number}", parts, markers, None)
        caption, headline, lede = lines
        parts = self._caption(caption.start, caption.end, markers)
        caption_parts = [p for p in parts if p.kind == "caption"]
        if caption_parts and _normalise(caption_parts[0].text) == _normalise(headline.text):
            markers.append(self._marker(caption_parts[0].start, caption_parts[0].end))
            parts = [p for p in parts if p.kind != "caption"]
        parts.insert(0, self._part("headline", headline.start, headline.end))
        parts.append(self._part("lede", lede.start, lede.end))
        return self._document(f"teaser-{number}", parts, markers, None)

    def _caption(self, start: int, end: int, markers: list[Repair]) -> list[Part]:
        """A photo line: optional repeated title + "ảnh N", caption, optional photo credit."""
        line = self.text[start:end]
        marker = _MARKER.search(line)
        if marker:
            markers.append(self._marker(start, start + marker.end()))
            start += marker.end()
            line = self.text[start:end]
        parts: list[Part] = []
        credit = _CREDIT.search(line)
        caption_end = end
        if credit:
            lead = len(credit.group()) - len(credit.group().lstrip())
            caption_end = start + credit.start()
            parts.append(self._part("credit", caption_end + lead, end))
        if caption_end > start:
            parts.insert(0, self._part("caption", start, caption_end))
        return parts

    def _part(self, kind: PartKind, start: int, end: int) -> Part:
        return Part(kind=kind, text=self.text[start:end], start=start, end=end)

    def _marker(self, start: int, end: int) -> Repair:
        return Repair(
            kind="marker", start=start, end=end, original=self.text[start:end], repaired=""
        )

    def _document(
        self, section: str, parts: list[Part], markers: list[Repair], dateline: Dateline | None
    ) -> Document:
        repaired: list[tuple[Part, str, list[int]]] = []
        repairs = list(markers)
        for part in parts:
            text, offsets, part_repairs = repair_span(
                self.text, part.start, part.end, page_words=self.page_words
            )
            repaired.append((part, text, offsets))
            repairs.extend(part_repairs)
        texts = {part.kind: text for part, text, _ in reversed(repaired)}
        headline = texts.get("headline")
        key = _normalise(f"{headline or ''}\n{texts.get('lede') or texts.get('body') or ''}")
        doc_id = "doc-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        sentences: list[Sentence] = []
        for part, text, offsets in repaired:
            if part.kind in ("credit", "dateline"):
                continue
            for rs, re_ in split_sentences(text):
                sentences.append(
                    _sentence(doc_id, len(sentences), part.kind, text, offsets, rs, re_)
                )
        return Document(
            id=doc_id,
            article=self.article,
            section=section,
            headline=headline,
            dateline=dateline,
            parts=tuple(parts),
            sentences=tuple(sentences),
            repairs=tuple(sorted(repairs, key=lambda r: (r.start, r.end))),
        )


def _sentence(
    doc_id: str, index: int, kind: PartKind, text: str, offsets: list[int], rs: int, re_: int
) -> Sentence:
    anchors = [(0, offsets[rs])]
    for k in range(rs + 1, re_):
        if offsets[k] != offsets[k - 1] + 1:
            anchors.append((k - rs, offsets[k]))
    return Sentence(
        doc_id=doc_id,
        index=index,
        part=kind,
        text=text[rs:re_],
        start=offsets[rs],
        end=offsets[re_ - 1] + 1,
        alignment=tuple(anchors),
    )


def _normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split()).rstrip(".")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, stripped; abbreviations and initials do not end one.

    Examples:
        >>> text = "M. Samuel Perez est venu. Irineo C. Espino aussi."
        >>> [text[a:b] for a, b in split_sentences(text)]
        ['M. Samuel Perez est venu.', 'Irineo C. Espino aussi.']
    """
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and len(m.group()) == 1:
            # The word before the dot, found backwards from it: searching the text from its
            # start made reading quadratic in the length of a paragraph.
            a = m.start()
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            if a < m.start():
                token = text[a : m.start()].lstrip("(«\"'[")
                if token in _abbreviations() or _INITIALISM.fullmatch(token):
                    continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, len(text)))
    result = []
    for a, b in spans:
        chunk = text[a:b]
        a += len(chunk) - len(chunk.lstrip())
        b -= len(chunk) - len(chunk.rstrip())
        if a < b:
            result.append((a, b))
    return result


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header hr li main ol p pre section table td th tr ul".split()
)
_HIDDEN_TAGS = frozenset(
    "script style noscript template nav header footer aside menu form select button svg "
    "iframe head".split()
)
_HIDDEN_CLASS = re.compile(r"(?i)\b(?:nav|menu|breadcrumb|share|social|cookie|footer|header)")
_TAG = re.compile(r"<[^<>]*>")
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(?:body|p|div|article)\b[^>]*>", head)
    )


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.hidden: list[str] = []

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """``<![CDATA[ ]]>`` and the like; an unknown keyword (``<![x[``), on which the
        standard parser raises AssertionError, is a bogus comment up to ``>`` as in HTML5."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS and not self.hidden:
                self.chunks.append("\n")
            return
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        if self.hidden or tag in _HIDDEN_TAGS or _HIDDEN_CLASS.search(names):
            self.hidden.append(tag)
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag in self.hidden:
                while self.hidden and self.hidden.pop() != tag:
                    pass
            return
        if tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.chunks.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: one line per block, a blank line between blocks."""
    parser = _VisibleText()
    parser.feed(html)
    rest = parser.rawdata
    if "<" in rest:
        # The parser stopped at a construct that never ends (an unclosed comment, tag or
        # declaration); its close() would try again from every later "<", quadratic in the
        # rest (20,000 characters of "<a " took a minute).  An unclosed comment hides the
        # rest, as in HTML5; any other rest is read here in one pass, its tags dropped.
        parser.rawdata = ""
        if not parser.hidden and not rest.startswith("<!--"):
            parser.chunks.append(unescape(_TAG.sub(" ", rest)))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.chunks).split("\n"))
    return "\n\n".join(line for line in lines if line) + "\n"
