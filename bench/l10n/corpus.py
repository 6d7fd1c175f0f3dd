"""The localization corpus, read independently of mtcheck: languages, formats and segments.

The harness must not trust the tool it measures to say how many segments a file has or what
a segment's source is, so this module reads PO, XLIFF 1.2/2.0 and TMX files itself (standard
library only). Each segment keeps where its raw source and target sit in the decoded file
text, so a finding's line and column can be mapped back to its segment whatever key the
measured mtcheck gives it.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = {".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".mqxliff": "xliff"}
FORMATS[".tmx"] = "tmx"

#: Report groups: a language tag as written in a file or path, normalised to the group it is
#: reported under. Chinese is split by script (Simplified / Traditional) and Portuguese by variety.
_ALIASES = {
    "zh": "zh-CN",
    "zh-cn": "zh-CN",
    "zh-hans": "zh-CN",
    "zh-sg": "zh-CN",
    "zh-hans-cn": "zh-CN",
    "zh-tw": "zh-TW",
    "zh-hant": "zh-TW",
    "zh-hk": "zh-TW",
    "zh-hant-tw": "zh-TW",
    "zf": "zh-TW",
    "pt-br": "pt-BR",
    "pt-pt": "pt",
    "iw": "he",
    "nb-no": "nb",
    "no": "nb",
}


def normalise_lang(tag: str | None) -> str | None:
    """`zh_Hans` → `zh-CN`, `de_DE` → `de`, `pt_BR` → `pt-BR`, `EN-US` → `en`; None for an empty tag."""
    if not tag:
        return None
    tag = tag.strip().replace("_", "-").split("@")[0].split(".")[0]
    if not tag:
        return None
    low = tag.lower()
    if low in _ALIASES:
        return _ALIASES[low]
    primary = low.split("-")[0]
    if primary == "zh":
        return "zh-TW" if any(part in {"tw", "hk", "mo", "hant"} for part in low.split("-")[1:]) else "zh-CN"
    if primary == "pt" and low.endswith("-br"):
        return "pt-BR"
    if not re.fullmatch(r"[a-z]{2,3}", primary):
        return None
    return primary


_PATH_PATTERNS = [
    re.compile(r"(?:^|/)([a-z]{2,3}(?:[_-][A-Za-z]{2,4})?(?:@\w+)?)/LC_MESSAGES/"),  # locale/zh_CN/LC_MESSAGES/x.po
    re.compile(r"(?:^|/)(?:po|locales?|i18n|l10n|translations?)/([a-z]{2,3}(?:[_-][A-Za-z]{2,4})?)\.po$"),  # po/de.po
    re.compile(r"\.([a-z]{2,3}(?:[_-][A-Za-z]{2,4})?)\.(?:xlf|xliff)$"),  # messages.fr.xlf, Strings.zh-Hans.xlf
    re.compile(r"(?:^|/)Translations/([a-z]{2,3}(?:[_-][A-Za-z]{2,4})?)/"),  # Neos: Translations/de/Main.xlf
    re.compile(r"^([a-z]{2,3}(?:-[A-Za-z]{2,4})?)/[^/]+\.xliff$"),  # Mozilla l10n: fr/focus-ios.xliff
    re.compile(r"^([a-z]{2,3}(?:-[A-Za-z]{2,4})?)/.*\.xliff$"),
]


def lang_from_path(path: str) -> str | None:
    """The target language a localization repository's path conventions give, if any."""
    for pattern in _PATH_PATTERNS:
        match = pattern.search(path)
        if match:
            return normalise_lang(match.group(1))
    return None


@dataclass(slots=True)
class Unit:
    """One segment as this reader sees it: decoded texts and where the raw texts sit in the file."""

    source: str
    target: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int]
    key: str


@dataclass(slots=True)
class FileInfo:
    format: str
    text: str
    units: list[Unit] = field(default_factory=list)
    target_lang: str | None = None  # as declared inside the file (raw tag)
    source_lang: str | None = None
    problem: str | None = None  # why the file could not be read, if it could not

    @property
    def segments(self) -> int:
        return len(self.units)


# ---------------------------------------------------------------- decoding


def _declared_encoding(raw: bytes, fmt: str) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = raw[:4000].decode("ascii", "replace")
    if fmt == "po":
        match = re.search(r"charset=([A-Za-z0-9_.:-]+)", head)
    else:
        match = re.search(r"<\?xml[^>]*encoding=[\"']([A-Za-z0-9_.:-]+)", head)
    if match and match.group(1).upper() not in {"CHARSET"}:
        try:
            return codecs.lookup(match.group(1)).name
        except LookupError:
            pass
    return "utf-8"


def decode(raw: bytes, fmt: str) -> str:
    """The file's text with CRLF kept as is, so offsets match line and column counting."""
    return raw.decode(_declared_encoding(raw, fmt), "replace")


# ---------------------------------------------------------------- PO

_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _po_unescape(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: _PO_ESCAPES.get(m.group(1), m.group(1)), body)


_PO_LINE = re.compile(r'(?P<kw>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?\s*"(?P<body>(?:[^"\\]|\\.)*)"\s*$')


def read_po(text: str) -> FileInfo:
    info = FileInfo(format="po", text=text)
    entries: list[dict] = []
    current: dict = {}
    keyword = None
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        start = offset
        offset += len(line)
        if not stripped.strip():
            if current:
                entries.append(current)
            current, keyword = {}, None
            continue
        if stripped.startswith("#"):
            if any(k.startswith("msgstr") for k in current):  # entries not separated by a blank line
                entries.append(current)
                current, keyword = {}, None
            if stripped.startswith("#~"):
                current["obsolete"] = True
            elif stripped.startswith("#,") and "fuzzy" in stripped:
                current["fuzzy"] = True
            continue
        match = _PO_LINE.match(stripped.lstrip())
        if not match:
            continue
        indent = len(stripped) - len(stripped.lstrip())
        if match.group("kw"):
            keyword = match.group("kw")
            started = any(k.startswith("msgstr") for k in current)
            if (keyword == "msgctxt" and ("msgid" in current or started)) or (keyword == "msgid" and started):
                entries.append(current)
                current = {}
        if keyword is None:
            continue
        body_start = start + indent + match.start("body") - 1  # the opening quote
        body_end = start + indent + match.end("body") + 1
        value, span = current.get(keyword, ("", None))
        span = (body_start, body_end) if span is None else (span[0], body_end)
        current[keyword] = (value + _po_unescape(match.group("body")), span)
    if current:
        entries.append(current)
    for entry in entries:
        if "msgid" not in entry:
            continue
        msgid = entry["msgid"][0]
        if msgid == "":
            header = next((v[0] for k, v in entry.items() if k.startswith("msgstr")), "")
            lang = re.search(r"^Language:\s*(\S*)", header, re.M)
            if lang and lang.group(1):
                info.target_lang = lang.group(1)
            continue
        if entry.get("obsolete") or entry.get("fuzzy"):
            continue
        plural = entry.get("msgid_plural", (None,))[0]
        context = entry.get("msgctxt", ("",))[0]
        for keyword, (value, span) in entry.items():
            if not keyword.startswith("msgstr") or not value:
                continue
            index = int(keyword[7:-1]) if "[" in keyword else 0
            source = plural if plural is not None and index > 0 else msgid
            source_span = entry["msgid_plural" if plural is not None and index > 0 else "msgid"][1]
            info.units.append(Unit(source, value, source_span, span, f"{context}\x04{msgid}[{index}]"))
    return info


# ---------------------------------------------------------------- XML formats


def _attr(tag_text: str, name: str) -> str | None:
    match = re.search(rf"(?<![\w:-]){re.escape(name)}\s*=\s*(\"([^\"]*)\"|'([^']*)')", tag_text)
    if not match:
        return None
    return match.group(2) if match.group(2) is not None else match.group(3)


def xml_text(raw: str) -> str:
    """Inner XML as a reader that keeps inline codes as written sees it.

    Text between tags has its entities decoded and CDATA opened; tags (inline codes) stay byte
    for byte, so `equiv-text="&lt;b&gt;"` is still escaped.
    """
    parts = re.split(r"(<!\[CDATA\[.*?\]\]>|<[^>]*>)", raw, flags=re.S)
    out = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            out.append(html.unescape(part))
        elif part.startswith("<![CDATA["):
            out.append(part[9:-3])
        else:
            out.append(part)
    return "".join(out)


def _blank(text: str, pattern: str) -> str:
    """The text with every match of pattern replaced by spaces of the same length (offsets kept)."""
    return re.sub(pattern, lambda m: " " * len(m.group(0)), text, flags=re.S)


def _element(body: str, name: str) -> tuple[str, tuple[int, int]] | None:
    """Inner raw text and its span (relative to body) of the first <name> element."""
    match = re.search(rf"<{name}\b([^>]*?)(/>|>(.*?)</{name}\s*>)", body, re.S)
    if not match:
        return None
    if match.group(2) == "/>":
        return "", (match.end(), match.end())
    return match.group(3), (match.start(3), match.end(3))


def read_xliff(text: str) -> FileInfo:
    info = FileInfo(format="xliff", text=text)
    root = re.search(r"<xliff\b[^>]*>", text)
    version2 = bool(root and (_attr(root.group(0), "version") or "").startswith("2"))
    if version2:
        info.target_lang = _attr(root.group(0), "trgLang")
        info.source_lang = _attr(root.group(0), "srcLang")
    else:
        file_tag = re.search(r"<file\b[^>]*>", text)
        if file_tag:
            info.target_lang = _attr(file_tag.group(0), "target-language")
            info.source_lang = _attr(file_tag.group(0), "source-language")
    unit_name, part_name = ("unit", "segment") if version2 else ("trans-unit", None)
    masked = _blank(text, r"<!--.*?-->")
    for unit in re.finditer(rf"<{unit_name}\b([^>]*)>(.*?)</{unit_name}\s*>", masked, re.S):
        if (_attr(unit.group(1), "translate") or "").lower() == "no":
            continue
        unit_id = _attr(unit.group(1), "id") or _attr(unit.group(1), "resname") or str(unit.start())
        body_start = unit.start(2)
        body = _blank(unit.group(2), r"<alt-trans\b.*?</alt-trans\s*>")
        parts = [(m.start(2), m.group(2)) for m in re.finditer(r"<segment\b([^>]*)>(.*?)</segment\s*>", body, re.S)]
        if part_name is None:
            parts = [(0, body)]
        for index, (part_start, part) in enumerate(parts):
            target = _element(part, "target")
            if target is None or not target[0].strip():
                continue
            source = _element(part, "source")
            base = body_start + part_start
            t_span = (base + target[1][0], base + target[1][1])
            s_span = (base + source[1][0], base + source[1][1]) if source else None
            info.units.append(
                Unit(
                    xml_text(source[0]) if source else "",
                    xml_text(target[0]),
                    s_span,
                    t_span,
                    f"{unit_id}#{index}",
                )
            )
    return info


def read_tmx(text: str, target_lang: str | None = None) -> FileInfo:
    info = FileInfo(format="tmx", text=text)
    header = re.search(r"<header\b[^>]*>", text)
    src = _attr(header.group(0), "srclang") if header else None
    info.source_lang = src if src and src != "*all*" else None
    src_norm = normalise_lang(info.source_lang) or "en"
    wanted = normalise_lang(target_lang)
    masked = _blank(text, r"<!--.*?-->")
    for index, tu in enumerate(re.finditer(r"<tu\b[^>]*>(.*?)</tu\s*>", masked, re.S)):
        variants = []
        for tuv in re.finditer(r"<tuv\b([^>]*)>(.*?)</tuv\s*>", tu.group(1), re.S):
            lang = _attr(tuv.group(1), "xml:lang") or _attr(tuv.group(1), "lang")
            seg = _element(tuv.group(2), "seg")
            if seg is None:
                continue
            base = tu.start(1) + tuv.start(2)
            variants.append((lang, seg[0], (base + seg[1][0], base + seg[1][1])))
        source = next((v for v in variants if normalise_lang(v[0]) == src_norm), None)
        target = next(
            (
                v
                for v in variants
                if normalise_lang(v[0]) != src_norm and (wanted is None or normalise_lang(v[0]) == wanted)
            ),
            None,
        )
        if source is None or target is None or not target[1].strip():
            continue
        if info.target_lang is None:
            info.target_lang = target[0]
        info.units.append(Unit(xml_text(source[1]), xml_text(target[1]), source[2], target[2], f"tu{index}"))
    return info


def read_path(path: Path, target_lang: str | None = None) -> FileInfo:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        return FileInfo(format="unknown", text="", problem=f"unknown extension {path.suffix}")
    return read_bytes(path.read_bytes(), fmt, target_lang)


def read_bytes(raw: bytes, fmt: str, target_lang: str | None = None) -> FileInfo:
    text = decode(raw, fmt)
    if fmt == "po":
        return read_po(text)
    if fmt == "xliff":
        return read_xliff(text)
    return read_tmx(text, target_lang)


def xliff_version(text: str) -> str:
    root = re.search(r"<xliff\b[^>]*>", text)
    version = (_attr(root.group(0), "version") if root else None) or "1.2"
    if '<mrk mtype="seg"' in text or "<seg-source" in text:
        version += "-segmented"
    if "sdl.com/FileTypes/SdlXliff" in text[:5000]:
        version += "-sdl"
    return version
