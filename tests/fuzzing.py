"""A seeded fuzzer for mtcheck, and the oracle every run must pass.

Inputs: well-formed files of every format whose texts are hostile (control characters,
terminal escapes, tag-like text, references, CDATA, line separators, huge numbers), files
in other encodings, structural attacks (deep nesting, DTD declarations, huge integers),
and byte-level mutations of all of these and of the fixtures, glossaries, configuration
files, rule packs and baselines. Each case is a few files in an empty directory and one
command line, run in this process.

The oracle (``judge``): no exception escapes, the exit status is 0, 1 or 2, the run ends
within a time bound, every line on stderr is one line with no raw control character and
errors name a file, and the human-readable reports (terminal, GitHub) carry no raw control
character either. ``fix_problems`` proves a fix on a well-formed file: the written file
parses with an independent parser, decodes to exactly the intended targets and changes no
other unit; ``diff_problems`` proves that ``fix --diff`` applies with ``patch``'s rules of
splitting lines to the same bytes. ``position_problems`` checks that every finding's
``line:column`` points at its text in the file.

``tests/test_fuzz.py`` runs a bounded number of cases; ``MTCHECK_FUZZ=N`` runs N per test,
and ``python bench/fuzz.py`` runs a campaign and counts what it finds.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent

# --- hostile text ------------------------------------------------------------------------------

#: Fragments that attack terminals, CI logs, writers and position arithmetic.
CONTROL = [
    "\x1b[2J",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b]0;pwned\x07",
    "\x1b[31m",
    "\x00",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",
    "\x7f",
    "\x85",
    "\x9b31m",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\n::error file=x.py,line=1::injected",
    "%0A::warning::x",
]
MARKUP = [
    "<",
    ">",
    "&",
    "</g>",
    "<g>",
    '<g id="1">',
    "<x/>",
    '<x id="2"/>',
    "<bx >",
    "a<bx > y",
    "＜g＞",
    "]]>",
    "<![CDATA[",
    "&amp;",
    "&lt;",
    "&#233;",
    "<!-- c -->",
    "<?pi x?>",
    '"',
    "'",
    "\\",
    "\\n",
    '""',
    ",",
]
#: Text that makes rules fire (so that fixes are made) and numbers that break arithmetic.
TRIGGERS = [
    "the the",
    "word ,",
    "Hello.World",
    "a  b",
    "responsibility. ,",
    "departments and departments",
    "，",
    "。",
    "security. team",
    "250000",
    "192.168.1.1",
    "1" * 30,
    "3.14",
    "%s",
    "{0}",
    "%1$s",
    "http://example.com/a,b",
    "第八个",
    "十八大",
    "中文",
    "İstanbul",
    "ǅ",
    "𝔘𝔫𝔦",
    "😀",
    "e\u0301",
    "ﬁ",
    "Ａ",
]
WORDS = "the a of and to in security team national report visited base welcome click now text".split()


def hostile_text(rng: random.Random, *, xml_safe: bool = False, max_parts: int = 8) -> str:
    """A target-like text with hostile fragments; ``xml_safe`` leaves out what XML 1.0 cannot carry."""
    parts = []
    for _ in range(rng.randint(1, max_parts)):
        pool = rng.choice((WORDS, WORDS, TRIGGERS, CONTROL, MARKUP))
        parts.append(rng.choice(pool))
        if rng.random() < 0.6:
            parts.append(rng.choice((" ", " ", "", ". ", ", ")))
    text = "".join(parts)
    if xml_safe:
        text = "".join(c for c in text if _xml_char(c))
    return text or "x"


def _xml_char(char: str) -> bool:
    code = ord(char)
    return code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


# --- well-formed documents --------------------------------------------------------------------


def _xml_escape(rng: random.Random, text: str) -> str:
    """XML content for ``text``, choosing among the ways to write it (references, CDATA)."""
    out = []
    for char in text:
        roll = rng.random()
        if char == "&":
            out.append(rng.choice(("&amp;", "&#38;", "&#x26;")))
        elif char == "<":
            out.append(rng.choice(("&lt;", "&#60;", "&#x3c;")))
        elif char == ">":
            out.append(rng.choice((">", "&gt;", "&#62;")))
        elif char == "\r":
            out.append("&#13;")
        elif roll < 0.05:
            out.append(f"&#{ord(char)};")
        elif roll < 0.08:
            out.append(f"&#x{ord(char):X};")
        else:
            out.append(char)
    escaped = "".join(out).replace("]]>", "]]&gt;")  # "]]>" may not stand in content
    if rng.random() < 0.15 and "]]>" not in text and "\r" not in text:
        return f"<![CDATA[{text}]]>"
    return escaped


def _xml_target(rng: random.Random) -> str:
    """Raw XML content: escaped hostile text, with real inline codes between the pieces."""
    pieces = []
    for _ in range(rng.randint(1, 4)):
        pieces.append(_xml_escape(rng, hostile_text(rng, xml_safe=True, max_parts=5)))
        if rng.random() < 0.4:
            pieces.append(rng.choice(('<x id="1"/>', '<g id="2">b</g>', '<ph id="3">&lt;br/&gt;</ph>', "\n  ")))
    return "".join(pieces)


def xliff12(rng: random.Random, units: int) -> str:
    body = []
    for index in range(units):
        source = _xml_escape(rng, hostile_text(rng, xml_safe=True, max_parts=4))
        body.append(
            f'<trans-unit id="u{index}">\n  <source>{source}</source>\n  <target>{_xml_target(rng)}</target>\n'
            "</trans-unit>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="f" source-language="zh" target-language="en" datatype="plaintext"><body>\n'
        + "\n".join(body)
        + "\n</body></file></xliff>\n"
    )


def xliff20(rng: random.Random, units: int) -> str:
    body = []
    for index in range(units):
        source = _xml_escape(rng, hostile_text(rng, xml_safe=True, max_parts=4))
        body.append(
            f'<unit id="u{index}"><segment><source>{source}</source>\n'
            f"<target>{_xml_target(rng)}</target></segment></unit>"
        )
    return (
        '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" '
        'trgLang="en"><file id="f">\n' + "\n".join(body) + "\n</file></xliff>\n"
    )


def tmx(rng: random.Random, units: int) -> str:
    body = []
    for index in range(units):
        source = _xml_escape(rng, hostile_text(rng, xml_safe=True, max_parts=4))
        body.append(
            f'<tu tuid="{index}"><tuv xml:lang="zh"><seg>{source}</seg></tuv>\n'
            f'<tuv xml:lang="en"><seg>{_xml_target(rng)}</seg></tuv></tu>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<tmx version="1.4"><header srclang="zh" segtype="sentence" '
        'o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>\n'
        + "\n".join(body)
        + "\n</body></tmx>\n"
    )


_PO_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\", "\a": "\\a", "\b": "\\b"}
_PO_ESCAPES.update({"\f": "\\f", "\v": "\\v"})


def _po_string(rng: random.Random, text: str) -> str:
    """A PO string, maybe split over continuation lines, some characters as octal escapes."""
    out = []
    for char in text:
        if char in _PO_ESCAPES:
            out.append(_PO_ESCAPES[char])
        elif ord(char) < 0x20 or char == "\x7f":
            out.append(f"\\{ord(char):03o}")
        elif rng.random() < 0.03:
            out.append("".join(f"\\{byte:03o}" for byte in char.encode("utf-8")))
        else:
            out.append(char)
    lines, current = [], ""
    for piece in out:
        current += piece
        if rng.random() < 0.08:
            lines.append(current)
            current = ""
    lines.append(current)
    if len(lines) > 1 and rng.random() < 0.5:
        lines.insert(0, "")
    return "\n".join(f'"{line}"' for line in lines)


def po(rng: random.Random, units: int) -> str:
    out = ['msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for index in range(units):
        source = f"u{index} " + hostile_text(rng, max_parts=4)
        if rng.random() < 0.15:
            out.append(
                f"msgid {_po_string(rng, source)}\nmsgid_plural {_po_string(rng, source + 's')}\n"
                f"msgstr[0] {_po_string(rng, hostile_text(rng))}\nmsgstr[1] {_po_string(rng, hostile_text(rng))}\n"
            )
        else:
            out.append(f"msgid {_po_string(rng, source)}\nmsgstr {_po_string(rng, hostile_text(rng))}\n")
    return "\n".join(out)


def jsonl(rng: random.Random, units: int) -> str:
    lines = []
    for index in range(units):
        record = {"id": index, "source": hostile_text(rng, max_parts=4), "target": hostile_text(rng)}
        line = json.dumps(record, ensure_ascii=rng.random() < 0.3)
        if rng.random() < 0.1:
            line = line.replace(": ", ":").replace(", ", " ,  ")
        lines.append(line)
    return "\n".join(lines) + "\n"


def csv_text(rng: random.Random, units: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=rng.choice((csv.QUOTE_MINIMAL, csv.QUOTE_ALL)), lineterminator="\r\n")
    writer.writerow(["id", "source", "target"])
    for index in range(units):
        writer.writerow([f"u{index}", hostile_text(rng, max_parts=4), hostile_text(rng)])
    return buffer.getvalue()


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def tsv(rng: random.Random, units: int) -> str:
    rows = ["source\ttarget"] if rng.random() < 0.5 else []
    for _ in range(units):
        rows.append(
            _one_line(hostile_text(rng, max_parts=4)).replace("\t", " ")
            + "\t"
            + _one_line(hostile_text(rng)).replace("\t", " ")
        )
    return "\n".join(rows) + ("\n" if rng.random() < 0.8 else "")


def text(rng: random.Random, units: int) -> str:
    ending = rng.choice(("\n", "\r\n"))
    return ending.join(_one_line(hostile_text(rng)) for _ in range(units)) + ending


#: Well-formed documents by file name suffix.
BUILDERS: dict[str, Callable[[random.Random, int], str]] = {
    ".xlf": xliff12,
    ".xliff": xliff20,
    ".tmx": tmx,
    ".po": po,
    ".jsonl": jsonl,
    ".csv": csv_text,
    ".tsv": tsv,
    ".txt": text,
}
XML_SUFFIXES = (".xlf", ".xliff", ".tmx")


def encode_document(rng: random.Random, suffix: str, content: str) -> bytes:
    """The document's bytes: UTF-8 (maybe with a BOM, maybe CRLF), or another encoding it declares."""
    roll = rng.random()
    if suffix in XML_SUFFIXES and roll < 0.25:
        encoding = rng.choice(("ISO-8859-1", "us-ascii", "UTF-16", "windows-1252", "UTF-16LE"))
        declared = re.sub(r"<\?xml[^>]*\?>", f'<?xml version="1.0" encoding="{encoding}"?>', content, count=1)
        if not declared.startswith("<?xml"):
            declared = f'<?xml version="1.0" encoding="{encoding}"?>\n' + declared
        python = {"us-ascii": "ascii", "UTF-16": "utf-16"}.get(encoding, encoding)
        return declared.encode(python, errors="xmlcharrefreplace")
    if suffix == ".po" and roll < 0.2:
        charset = rng.choice(("ISO-8859-1", "ISO-8859-15", "KOI8-R", "UTF-16"))
        declared = content.replace("charset=UTF-8", f"charset={charset}")
        try:
            return declared.encode(charset.lower())
        except UnicodeEncodeError:
            return declared.encode("utf-8")
    if roll < 0.35:
        if suffix not in XML_SUFFIXES and suffix != ".po":
            return content.encode("utf-16") if roll < 0.3 else content.encode("utf-8")  # with a BOM
        return b"\xef\xbb\xbf" + content.encode("utf-8")
    if roll < 0.5 and suffix not in (".txt",):
        content = content.replace("\r\n", "\n").replace("\n", "\r\n")
    return content.encode("utf-8", errors="surrogatepass")


def valid_document(rng: random.Random, suffix: str | None = None, units: int | None = None) -> tuple[str, bytes]:
    suffix = suffix or rng.choice(list(BUILDERS))
    content = BUILDERS[suffix](rng, units if units is not None else rng.randint(1, 6))
    return f"doc{suffix}", encode_document(rng, suffix, content)


# --- structural attacks ----------------------------------------------------------------------


def attacks(scale: int = 1) -> list[tuple[str, bytes]]:
    """Files every reader must refuse (or read) in bounded time with one line; ``scale`` 10
    gives the full sizes (a 1 MB line), 1 a tenth of them."""
    deep = 20_000 * scale
    xliff_head = (
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh" '
        'target-language="en"><body>'
    )
    unit = '<trans-unit id="1"><source>a</source><target>b the the</target></trans-unit>'
    return [
        ("deep.jsonl", b'{"id": 1, "target": "x", "n": ' + b"[" * deep + b"]" * deep + b"}\n"),
        ("deep2.jsonl", b"[" * deep + b"\n"),
        ("bigint.jsonl", b'{"id": ' + b"7" * 5000 + b', "target": "the the"}\n'),
        ("bigfloat.jsonl", b'{"id": 1e400, "target": "the the"}\n'),
        ("surrogate.jsonl", b'{"id": 1, "source": "\\udc00", "target": "a \\ud800 the the"}\n'),
        ("pair.jsonl", b'{"id": 1, "target": "\\ud83d\\ude00 the the \\u2028 x"}\n'),
        ("digits.txt", b"the value " + b"9" * 4400 + b" is 250000\n"),
        ("ip.tsv", b"\xe5\x9c\xb0\xe5\x9d\x80 192.168.1.1\tThe address is 192.168.1.1 .\n"),
        ("ip2.tsv", "版本 1.2.3.4 与 10.0.0.1\tversion 1.2.3.4 and 10.0.0.1\n".encode()),
        ("groups.xlf", (xliff_head + "<group>" * 5000 + unit + "</group>" * 5000 + "</body></file></xliff>").encode()),
        ("deepx.xlf", (xliff_head + unit + "<g>" * deep + "</g>" * deep + "</body></file></xliff>").encode()),
        (
            "attlist.xlf",
            (
                '<?xml version="1.0"?><!DOCTYPE xliff [<!ATTLIST trans-unit translate CDATA "no">]>'
                + xliff_head
                + unit
                + "</body></file></xliff>"
            ).encode(),
        ),
        (
            "element.xlf",
            (
                '<?xml version="1.0"?><!DOCTYPE xliff [<!ELEMENT target ANY>]>'
                + xliff_head
                + unit
                + "</body></file></xliff>"
            ).encode(),
        ),
        (
            "doctype-sys.xlf",
            (
                '<?xml version="1.0"?><!DOCTYPE xliff SYSTEM "/etc/passwd">'
                + xliff_head
                + unit
                + "</body></file></xliff>"
            ).encode(),
        ),
        (
            "pe.xlf",
            (
                '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
                + xliff_head
                + unit
                + "</body></file></xliff>"
            ).encode(),
        ),
        (
            "lol.tmx",
            b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv>'
            b'<tuv xml:lang="de"><seg>x</seg></tuv></tu></body></tmx>',
        ),
        (
            "utf16-nobom.xlf",
            ('<?xml version="1.0"?>' + xliff_head + unit + "</body></file></xliff>").encode("utf-16-le"),
        ),
        ("utf16be-nobom.tmx", b'<?xml version="1.0"?><tmx/>'.decode().encode("utf-16-be")),
        (
            "latin1.xlf",
            (
                '<?xml version="1.0" encoding="ISO-8859-1"?>'
                + xliff_head
                + '<trans-unit id="1"><source>caf\xe9</source><target>caf\xe9 &#x4e2d; the the</target></trans-unit>'
                + "</body></file></xliff>"
            ).encode("latin-1"),
        ),
        (
            "declared-bogus.xlf",
            ('<?xml version="1.0" encoding="x-no-such"?>' + xliff_head + unit + "</body></file></xliff>").encode(),
        ),
        (
            "header-plural.po",
            b'msgid ""\nmsgid_plural "p"\nmsgstr[0] "Language: de\\n"\nmsgstr[1] ""\n\nmsgid "a"\nmsgstr "b the the"\n',
        ),
        ("octal.po", b'msgid "a"\nmsgstr "\\303\\251t\\303\\251 the the \\101"\n'),
        (
            "latin1.po",
            b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
            b'msgid "a"\nmsgstr "caf\xe9 the the"\n',
        ),
        (
            "bad-charset.po",
            b'msgid ""\nmsgstr "Content-Type: text/plain; charset=X-NOPE\\n"\n\nmsgid "a"\nmsgstr "b"\n',
        ),
        ("nul.txt", b"a\x00b the the\n"),
        ("esc-name-\x1b[2J.txt", b"the the\n"),
        ("nl-name\n::error::x.txt", b"the the\n"),
        ("bidi\u202ename.txt".encode().decode(), b"the the\n"),
        ("cr-only.txt", b"the the\rsecond line\r"),
        ("ls.txt", "one the the\u2028two\u2029three\x85four\x0bfive\x0csix\x1cseven the the\n".encode()),
        ("long.txt", b"word " * 20_000 * scale + b"\n"),
        ("empty.xlf", b""),
        ("empty.po", b""),
        ("bom-only.tmx", b"\xef\xbb\xbf"),
    ]


# --- mutation -------------------------------------------------------------------------------


def _tokens() -> list[bytes]:
    pieces = [*CONTROL, *MARKUP, *TRIGGERS[:12], "\ud800", "\udfff"]
    out = [piece.encode("utf-8", errors="surrogatepass") for piece in pieces]
    out += [b"\xff", b"\xfe\xff", b"\xc3", b"\xed\xa0\x80", b"\\ud800", b"\\u0000", b"&#0;", b"&#xD800;", b"&#1114112;"]
    out += [b"[" * 50, b"{" * 50, b"<g>" * 50, b"]]]]", b'"""', b"'''", b"\\", b"${x}", b"%(x)s", b"1e400", b"-1"]
    out += [b"<!ENTITY x 'y'>", b"<!DOCTYPE x>", b'<!ATTLIST target state CDATA "final">', b"&x;", b"&#x1F600;"]
    out += [b'msgid_plural "x"\n', b'msgstr[7] "y"\n', b"#~ ", b"#, fuzzy\n", b"\t", b",", b"\r\n", b"\n\n"]
    return out


TOKENS = _tokens()


def mutate(rng: random.Random, data: bytes, others: list[bytes] | None = None) -> bytes:
    """A few random edits: insert a hostile token, flip, delete, duplicate, splice."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        at = rng.randint(0, len(data))
        if roll < 0.4 or not data:
            data[at:at] = rng.choice(TOKENS)
        elif roll < 0.55:
            index = rng.randrange(len(data))
            data[index] = rng.randrange(256)
        elif roll < 0.7:
            data[at : at + rng.randint(1, 16)] = b""
        elif roll < 0.85:
            end = min(len(data), at + rng.randint(1, 64))
            data[at:at] = data[at:end] * rng.randint(1, 3)
        elif others:
            other = rng.choice(others)
            start = rng.randint(0, len(other))
            data[at:at] = other[start : start + rng.randint(1, 200)]
        else:
            data = data[:at]
    return bytes(data)


# --- cases ------------------------------------------------------------------------------------


@dataclass
class Case:
    """Files to create (name → bytes) and the command line to run in their directory."""

    kind: str
    files: dict[str, bytes]
    args: list[str]
    fix_target: str | None = None  # a file whose in-place fix is checked by fix_problems


def _fixture_seeds() -> dict[str, list[tuple[str, bytes]]]:
    seeds: dict[str, list[tuple[str, bytes]]] = {}
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix in (*BUILDERS, ".tbx") and path.stat().st_size < 200_000:
            seeds.setdefault(path.suffix, []).append((path.name, path.read_bytes()))
    return seeds


GLOSSARY_TSV = (
    "id\tsource\ttarget\tforbidden\tnote\tseverity\n"
    "g1\t国家安全\tnational security\tstate safety\tS1\tmajor\n"
    "g2\t团队\tteam\tgroup\t\tminor\n"
).encode()
GLOSSARY_CSV = b"source,target,forbidden\nteam,team,group\n"
PACK = b"""[pack]
name = "fuzz"

[[rule]]
id = "fuzz.rule"
pattern = 'the (the)'
message = "doubled {match}"
category = "fluency/grammar"
severity = "minor"
replacement = 'the'
safety = "safe"
bad = [{ target = "the the x", fix = "the x" }]
good = ["the x"]
"""
CONFIG = b"""src-lang = "zh"
tgt-lang = "en"
glossaries = ["terms.tsv"]
rules = ["pack.toml"]
ignore = ["punct.fullwidth"]
fail-on = "minor"
[severity]
"trunc" = "critical"
[[overrides]]
paths = ["*.po"]
ignore = ["repeat"]
"""
PYPROJECT = b'[project]\nname = "x"\n\n[tool.mtcheck]\nfail-on = "major"\nextend-select = ["consistency"]\n'
BASELINE = json.dumps(
    {
        "tool": "mtcheck",
        "version": 2,
        "findings": [
            {"rule": "repeat.word", "path": "doc.txt", "unit": "", "text": "the the", "before": "", "after": " end"}
        ],
    }
).encode()


def config_attacks() -> list[bytes]:
    return [
        b'glossaries = ["/etc/passwd"]\n',
        b'glossaries = ["../../../../etc/shadow"]\n',
        b'rules = ["/etc"]\n',
        b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        b"x = {" + b"a = {" * 3000 + b"}" * 3001 + b"\n",
        b'fail-on = "\x1b[2J"\n',
        b'tgt-lang = "en\\u001b]52;c;x\\u0007"\n',
        b'ignore = ["\\u001b[2J"]\n',
        b"min-score = 1e400\n",
        b"min-score = " + b"9" * 5000 + b"\n",
        b'[severity]\n"\\u001b[2J" = "major"\n',
        b'[[overrides]]\npaths = ["[z-a]"]\n',
        b'exclude = ["\\u0000"]\n',
    ]


def baseline_attacks() -> list[bytes]:
    record = '{"rule": "repeat.word", "segment": "doc.txt:1", "text": "the the", "count": %s}'
    return [
        b'{"tool": "mtcheck", "version": true, "findings": []}',
        b'{"tool": "mtcheck", "version": 1.0, "findings": []}',
        ('{"tool": "mtcheck", "version": 1, "findings": [%s]}' % (record % "-5")).encode(),
        ('{"tool": "mtcheck", "version": 1, "findings": [%s]}' % (record % "1e400")).encode(),
        ('{"tool": "mtcheck", "version": 1, "findings": [%s]}' % (record % ("9" * 5000))).encode(),
        ('{"tool": "mtcheck", "version": 1, "findings": [%s]}' % (record % "true")).encode(),
        ('{"tool": "mtcheck", "version": 1, "findings": [%s]}' % (record % '"3"')).encode(),
        b'{"tool": "mtcheck", "version": 1, "findings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"tool": "mtcheck", "version": 1, "findings": [{"rule": "\\ud800", "segment": 1, "text": null}]}',
        b'{"tool": "mtcheck", "version": 2, "findings": [{"rule": "r", "path": "doc.txt", "unit": 3}]}',
        ('{"tool": "mtcheck", "version": 1, "findings": [%s]}' % (record % "1")).encode(),  # format 1: a warning
        b"\xff\xfe{",
        b"",
    ]


def pack_attacks() -> list[bytes]:
    return [
        PACK.replace(b"the (the)", b"(a+)+$"),
        PACK.replace(b"the (the)", b"\\p{Han}"),
        PACK.replace(b"'the'", b"'\\\\g<9>'"),
        PACK.replace(b'"fuzz.rule"', b'"fuzz.\\u001b[2J"'),
        PACK.replace(b"doubled {match}", b"doubled {match} \\u001b]0;x\\u0007 {0} {x} {{"),
        b"x = " + b"[" * 100_000 + b"]" * 100_000,
        PACK.replace(b'severity = "minor"', b"severity = 1e400"),
        PACK + b"\n[[rule]]\n",
    ]


def cases(seed: int, count: int, attack_scale: int = 1) -> Iterator[Case]:
    """``count`` cases from ``seed``: the same seed gives the same cases."""
    rng = random.Random(seed)
    seeds = _fixture_seeds()
    attack_files = attacks(attack_scale)
    all_seeds = [data for group in seeds.values() for _, data in group]
    for number in range(count):
        kind = rng.choices(
            (
                "check-valid",
                "check-mutated",
                "check-attack",
                "fix-valid",
                "fix-mutated",
                "glossary",
                "config",
                "pack",
                "baseline",
            ),
            weights=(20, 25, 4, 20, 8, 8, 6, 4, 5),
        )[0]
        report = rng.choice(("terminal", "json", "github", "jsonl", "sarif", "junit", "terminal", "github"))
        if kind in ("check-valid", "fix-valid"):
            name, data = valid_document(rng)
        elif kind == "check-attack":
            name, data = attack_files[number % len(attack_files)]
        else:
            suffix = rng.choice(list(BUILDERS))
            if rng.random() < 0.5 and seeds.get(suffix):
                name, data = rng.choice(seeds[suffix])
                name = "doc" + suffix
            else:
                name, data = valid_document(rng, suffix)
            data = mutate(rng, data, all_seeds)
        files = {name: data}
        if kind in ("check-valid", "check-mutated", "check-attack"):
            if rng.random() < 0.05:  # the score command reads the same files
                yield Case(kind, files, ["score", name, "--ref", name, "--metrics", "bleu,chrf"])
                continue
            args = ["check", name, "--format", report]
            if rng.random() < 0.3:
                args += ["-g", "zh-en"]
            if rng.random() < 0.2:
                args += ["--select", "ALL"]
            yield Case(kind, files, args)
        elif kind in ("fix-valid", "fix-mutated"):
            if rng.random() < 0.4:
                yield Case(kind, files, ["fix", "--diff", "--unsafe-fixes", name])
            else:
                args = ["fix", name] + (["--unsafe-fixes"] if rng.random() < 0.5 else [])
                yield Case(kind, files, args, fix_target=name)
        elif kind == "glossary":
            suffix, seed_data = rng.choice(
                ((".tsv", GLOSSARY_TSV), (".csv", GLOSSARY_CSV), *((".tbx", d) for _, d in seeds.get(".tbx", [])))
            )
            glossary = "terms" + suffix
            files[glossary] = mutate(rng, seed_data) if rng.random() < 0.9 else seed_data
            command = rng.choice(
                (
                    ["check", name, "-g", glossary],
                    ["glossary", "lint", glossary],
                    ["glossary", "list", glossary],
                    ["glossary", "stats", glossary],
                    ["glossary", "fmt", "--check", glossary],
                )
            )
            yield Case(kind, files, command)
        elif kind == "config":
            files["terms.tsv"] = GLOSSARY_TSV
            files["pack.toml"] = PACK
            if rng.random() < 0.3:
                config = rng.choice(config_attacks())
            else:
                config = mutate(rng, rng.choice((CONFIG, PYPROJECT)))
            files[rng.choice(("mtcheck.toml", "pyproject.toml"))] = config
            yield Case(
                kind,
                files,
                rng.choice((["check", name, "--format", report], ["config", name], ["fix", "--diff", name])),
            )
        elif kind == "pack":
            pack = rng.choice(pack_attacks()) if rng.random() < 0.3 else mutate(rng, PACK)
            files["pack.toml"] = pack
            yield Case(
                kind,
                files,
                rng.choice(
                    (["check", name, "--rules", "pack.toml", "--format", report], ["rules", "test", "pack.toml"])
                ),
            )
        else:
            files["base.json"] = rng.choice(baseline_attacks()) if rng.random() < 0.4 else mutate(rng, BASELINE)
            yield Case(kind, files, ["check", name, "--baseline", "base.json", "--format", report])


# --- running in this process ------------------------------------------------------------------


class Timeout(BaseException):
    """Raised by the alarm: BaseException, so no ``except Exception`` in mtcheck swallows it."""


@dataclass
class Outcome:
    code: int | None
    stdout: bytes
    stderr: bytes
    seconds: float  # processor time
    exception: BaseException | None = None
    traceback: str = ""
    wall: float = 0.0


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)

    def read(self, *args: object) -> str:
        return self.buffer.read().decode()

    def readline(self) -> str:
        return self.buffer.readline().decode()

    def isatty(self) -> bool:
        return False


_COMMAND = None


def _command():
    global _COMMAND
    if _COMMAND is None:
        import typer.main

        from mtcheck.cli import app

        _COMMAND = typer.main.get_command(app)
    return _COMMAND


#: A run that waits (a FIFO, a lock) uses no processor time: it is stopped after this many times
#: its processor-time bound in wall-clock time, which on a loaded machine is still generous.
WALL_FACTOR = 10


def run_inprocess(args: list[str], cwd: Path, *, timeout: float = 20.0, stdin: bytes = b"") -> Outcome:
    """Run the CLI as ``mtcheck ARGS`` would, in this process; stdout and stderr are strict UTF-8
    like a terminal's, so a lone surrogate printed is an error, as it is for a user.

    ``timeout`` bounds the processor time (the same on a busy machine and an idle one); a run
    that blocks is stopped after ``WALL_FACTOR`` times as long in wall-clock time."""
    import traceback

    import typer
    from typer._click import exceptions as click_exceptions

    command = _command()
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="strict", write_through=True)
    saved = sys.stdout, sys.stderr, sys.stdin, os.getcwd()
    environ = {key: os.environ.pop(key) for key in ("GITHUB_ACTIONS", "NO_COLOR", "CI") if key in os.environ}

    def alarm(signum: int, frame: object) -> None:
        raise Timeout()

    previous = signal.signal(signal.SIGALRM, alarm)
    previous_prof = signal.signal(signal.SIGPROF, alarm)
    start = time.perf_counter()
    cpu_start = time.process_time()
    code: int | None = None
    exception: BaseException | None = None
    trace = ""
    try:
        os.chdir(cwd)
        sys.stdout, sys.stderr, sys.stdin = out, err, _Stdin(stdin)  # type: ignore[assignment]
        signal.setitimer(signal.ITIMER_PROF, timeout)
        signal.setitimer(signal.ITIMER_REAL, timeout * WALL_FACTOR)
        try:
            result = command.main(args=args, prog_name="mtcheck", standalone_mode=False)
            code = result if isinstance(result, int) else 0
        except typer.Exit as exc:
            code = exc.exit_code
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except click_exceptions.ClickException as exc:
            code = exc.exit_code
            with contextlib.suppress(Exception):
                exc.show(file=err)
        except typer.Abort:
            code = 1
        except BaseException as exc:  # the oracle's whole point: nothing else may escape
            exception = exc
            trace = traceback.format_exc()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.setitimer(signal.ITIMER_PROF, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
        signal.signal(signal.SIGPROF, previous_prof)
        with contextlib.suppress(Exception):
            out.flush()
            err.flush()
        sys.stdout, sys.stderr, sys.stdin = saved[0], saved[1], saved[2]
        os.chdir(saved[3])
        os.environ.update(environ)
    seconds = time.process_time() - cpu_start
    return Outcome(
        code, out_bytes.getvalue(), err_bytes.getvalue(), seconds, exception, trace, time.perf_counter() - start
    )


# --- the oracle -------------------------------------------------------------------------------

#: Characters that must never reach a person's terminal raw (C0 but newline, DEL, C1, line
#: and paragraph separators, bidi overrides that reorder what is shown).
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def judge(case: Case, outcome: Outcome, *, time_bound: float = 20.0) -> list[str]:
    """What is wrong with one run (empty: nothing)."""
    found = []
    if isinstance(outcome.exception, Timeout):
        return [f"hang: no exit after {time_bound:.0f} s of processor time ({outcome.wall:.0f} s)"]
    if outcome.exception is not None:
        last = outcome.traceback.strip().splitlines()[-1] if outcome.traceback else repr(outcome.exception)
        return [f"traceback: {last}"]
    if outcome.code not in (0, 1, 2):
        found.append(f"exit status {outcome.code}")
    if outcome.seconds > time_bound:
        found.append(f"slow: {outcome.seconds:.1f} s of processor time")
    try:
        stderr = outcome.stderr.decode("utf-8")
    except UnicodeDecodeError:
        found.append("stderr is not UTF-8")
        stderr = outcome.stderr.decode("utf-8", errors="replace")
    for line in stderr.split("\n"):
        if RAW_CONTROL.search(line):
            found.append(f"raw control character on stderr: {line[:120]!r}")
            break
        if "Traceback" in line:
            found.append("traceback text on stderr")
            break
        if "internal error" in line and "rule" not in line:
            found.append(f"internal error: {line[:160]!r}")
            break
    if outcome.code == 2 and not stderr.strip():
        found.append("exit 2 without a message")
    human = (
        case.args[:1] == ["check"]
        and ("--format" not in case.args or case.args[case.args.index("--format") + 1] in ("terminal", "github"))
    ) or case.args[:2] in (["glossary", "lint"], ["glossary", "list"], ["glossary", "stats"], ["rules", "test"])
    if human:
        stdout = outcome.stdout.decode("utf-8", errors="replace")
        for line in stdout.split("\n"):
            if RAW_CONTROL.search(line.replace("\t", " ")):  # tabs lay out listings
                found.append(f"raw control character in the report: {line[:120]!r}")
                break
    elif case.args[:1] == ["check"] and outcome.code in (0, 1):
        fmt = case.args[case.args.index("--format") + 1]
        found.extend(_machine_output(fmt, outcome.stdout))
    return found


def _machine_output(fmt: str, stdout: bytes) -> list[str]:
    """JSON, JSON Lines, SARIF and JUnit must parse."""
    try:
        text = stdout.decode("utf-8")
        if fmt in ("json", "sarif"):
            json.loads(text)
        elif fmt == "jsonl":
            for line in text.split("\n"):
                if line:
                    json.loads(line)
        elif fmt == "junit":
            import xml.etree.ElementTree as ET

            ET.fromstring(stdout)
    except Exception as exc:  # any failure is the finding
        return [f"{fmt} report does not parse: {type(exc).__name__}: {str(exc)[:100]}"]
    return []


def run_case(case: Case, directory: Path, *, timeout: float = 20.0) -> list[str]:
    """Create the case's files in ``directory`` (empty), run it, and judge it."""
    for name, data in case.files.items():
        try:
            (directory / name).write_bytes(data)
        except OSError:
            return []
    before = (directory / case.fix_target).read_bytes() if case.fix_target else None
    outcome = run_inprocess(case.args, directory, timeout=timeout)
    found = judge(case, outcome, time_bound=timeout)
    if case.fix_target and not found and before is not None:
        after = (directory / case.fix_target).read_bytes()
        if after != before and outcome.code == 2:
            found.append("fix exited 2 but changed the file")
    return found


# --- fix: the written file parses and holds exactly the intended targets -------------------------


def independent_units(suffix: str, data: bytes) -> list[tuple[str | None, str]] | None:
    """(source, target) of every unit that has a target, in file order, read with a parser
    mtcheck does not use; None when it refuses the file. XML targets spell inline codes as
    the file does, between NULs (``\\x00TAG:<x id="1"/>\\x00``), so codes and text differ."""
    try:
        if suffix in XML_SUFFIXES:
            return _xml_units(data)
        if suffix == ".po":
            return _po_units(data)
        text = data.decode(_text_encoding(data))
        if suffix == ".jsonl":
            out = []
            for line in text.split("\n"):
                if line.strip():
                    record = json.loads(line)
                    if record.get("target") is not None:
                        out.append((record.get("source"), record["target"]))
            return out
        if suffix == ".csv":
            rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
            header = rows[0]
            source, target = header.index("source"), header.index("target")
            return [(row[source], row[target]) for row in rows[1:] if row]
    except Exception:  # a parser that refuses the file says so
        return None
    return None


def _text_encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig"


def _xml_units(data: bytes) -> list[tuple[str | None, str]]:
    """Expat with its own handlers: each unit's source and target as character data and
    codes (tags, comments, processing instructions) spelled as the file spells them."""
    from xml.parsers import expat

    data = _xml_as_utf8(data)
    parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
    out: list[tuple[str | None, str]] = []
    stack: list[str] = []
    state: dict[str, object] = {"in": None, "depth": 0, "source": None, "seg": 0}
    buffers: dict[str, list[str]] = {}
    empty: list[bool] = []  # for each open inline element: written as <x/>

    def local(name: str) -> str:
        return name.rpartition(" ")[2]

    def start(name: str, attrs: dict[str, str]) -> None:
        name = local(name)
        if name in ("trans-unit", "unit", "tu"):
            state["source"], state["seg"] = None, 0
        if state["in"] is not None:
            tag = _tag_bytes(data, parser.CurrentByteIndex)
            buffers[str(state["in"])].append(tag)
            empty.append(tag.endswith("/>\x00"))
        elif name in ("target", "source") or name == "seg":
            which = name
            if name == "seg":
                which = "source" if state["seg"] == 0 else "target"
                state["seg"] = int(state["seg"]) + 1  # type: ignore[call-overload]
            state["in"], state["depth"] = which, len(stack)
            buffers[which] = []
        stack.append(name)

    def end(name: str) -> None:
        stack.pop()
        if state["in"] is not None and len(stack) == state["depth"]:
            which, state["in"] = state["in"], None
            if which == "target":
                out.append((state["source"], "".join(buffers["target"])))  # type: ignore[arg-type]
            else:
                state["source"] = "".join(buffers["source"])
        elif state["in"] is not None and not empty.pop():  # an empty element has no end tag
            buffers[str(state["in"])].append(_tag_bytes(data, parser.CurrentByteIndex))

    def chars(text: str) -> None:
        if state["in"] is not None:
            buffers[str(state["in"])].append(text)

    def other(*_: object) -> None:  # a comment or PI inside a target is kept as written
        if state["in"] is not None:
            buffers[str(state["in"])].append(_tag_bytes(data, parser.CurrentByteIndex))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.CommentHandler = other
    parser.ProcessingInstructionHandler = other
    parser.Parse(data, True)
    return out


def _xml_as_utf8(data: bytes) -> bytes:
    """The document in UTF-8, whatever it was written in (by BOM, first bytes or declaration)."""
    for mark, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(mark):
            return data[len(mark) :].decode(codec).encode("utf-8")
    if data[:2] == b"<\x00":
        return data.decode("utf-16-le").encode("utf-8")
    if data[:2] == b"\x00<":
        return data.decode("utf-16-be").encode("utf-8")
    declared = re.match(rb"""<\?xml[^>]*encoding=["']([^"']+)["']""", data)
    codec = declared.group(1).decode() if declared else "utf-8"
    if codec.lower().replace("-", "") in ("utf16", "utf32"):
        codec = "utf-8"
    return data.decode(codec).encode("utf-8")


def _tag_bytes(raw: bytes, index: int) -> str:
    """The markup at byte ``index`` as written: a tag (quotes may hold ``>``), a comment or a PI."""
    for opening, closing in ((b"<!--", b"-->"), (b"<?", b"?>")):
        if raw.startswith(opening, index):
            end = raw.index(closing, index) + len(closing)
            return "\x00TAG:" + raw[index:end].decode("utf-8", errors="replace") + "\x00"
    end = index + 1
    quote = None
    while end < len(raw):
        byte = raw[end : end + 1]
        if quote:
            if byte == quote:
                quote = None
        elif byte in (b'"', b"'"):
            quote = byte
        elif byte == b">":
            break
        end += 1
    return "\x00TAG:" + raw[index : end + 1].decode("utf-8", errors="replace") + "\x00"


_PO_LINE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+"(.*)"[ \t]*$')


def _po_units(data: bytes) -> list[tuple[str | None, str]]:
    """PO entries read with Python's own C-escape decoder (``codecs.escape_decode``)."""
    import codecs

    declared = re.search(rb"charset=([A-Za-z0-9._:-]+)", data)
    charset = declared.group(1).decode() if declared and declared.group(1) != b"CHARSET" else "utf-8"

    def decoded(body: str) -> str:  # escapes are bytes in the catalogue's charset, as gettext reads them
        return codecs.escape_decode(body.encode(charset))[0].decode(charset)

    out: list[tuple[str | None, str]] = []
    entry: dict[str, str] = {}
    last: str | None = None

    def flush() -> None:
        nonlocal entry, last
        if entry.get("msgid") not in (None, "") or "msgctxt" in entry:
            forms = sorted((k for k in entry if k.startswith("msgstr")), key=lambda k: (len(k), k))
            for form in forms:
                source = entry.get("msgid_plural") if form not in ("msgstr", "msgstr[0]") else entry["msgid"]
                out.append((source, entry[form]))
        entry, last = {}, None

    for line in data.decode(charset).split("\n"):
        stripped = line.rstrip("\r").strip()
        if not stripped or stripped.startswith("#"):
            flush()
            continue
        match = _PO_LINE.match(stripped)
        if match:
            if match.group(1) in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
                flush()
            last = match.group(1)
            entry[last] = decoded(match.group(2))
        elif stripped.startswith('"') and last is not None:
            entry[last] += decoded(stripped[1:-1])
    flush()
    return out


def diff_applies(original: bytes, diff: bytes, expected: bytes, directory: Path, name: str) -> list[str]:
    """``patch -p0`` on a copy of the original must give the bytes an in-place fix writes."""
    import subprocess

    work = directory / "patch-work"
    work.mkdir(exist_ok=True)
    (work / name).write_bytes(original)
    result = subprocess.run(
        ["patch", "-p0", "--quiet", "--batch", "--no-backup-if-mismatch"],
        input=diff,
        cwd=work,
        capture_output=True,
        timeout=60,
    )
    if result.returncode != 0:
        return [f"patch failed: {result.stdout[:200]!r} {result.stderr[:200]!r}"]
    if (work / name).read_bytes() != expected:
        return ["patch gave other bytes than the in-place fix"]
    return []
