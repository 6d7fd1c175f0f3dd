"""Bytes to text and back, the same way for every format.

UTF-8 by default, with or without a BOM; UTF-16 and UTF-32 with their byte-order mark; and
for the formats that declare their encoding (the XML declaration, a PO header's charset),
the declared one. Lines end in LF or CRLF. A ``Document`` keeps the decoded text whole, so
a reader can note where each target sits (``Origin.span``) and a writer can splice new
targets in, leaving every other byte — BOM, encoding, line ends, the final newline, other
columns — exactly as it was.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from mtcheck.fileio import FileProblem, fingerprint, read_regular
from mtcheck.model import InputError, InputProblem

UTF8_BOM = b"\xef\xbb\xbf"
STDIN = "-"
UTF32LE_BOM = b"\xff\xfe\x00\x00"
UTF16LE_BOM = b"\xff\xfe"
#: Byte-order marks, longest first (a UTF-32-LE mark starts like a UTF-16-LE one).
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (UTF32LE_BOM, "utf-32-le", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32BE"),
    (UTF8_BOM, "utf-8", "UTF-8"),
    (UTF16LE_BOM, "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)
#: Codecs Python has that are not character encodings a file could be written in.
_NOT_FILE_ENCODINGS = frozenset({"unicode_escape", "raw_unicode_escape", "idna", "punycode", "undefined", "mbcs"})


@dataclass(frozen=True, slots=True)
class Declared:
    """An encoding a file names for itself: ``name`` as written, and ``where`` (for messages)."""

    name: str
    where: str  # "its XML declaration", "its PO header"


#: A format's way of finding the encoding a file declares, from its first bytes (no BOM).
Sniffer = Callable[[bytes], "Declared | None"]


def display_name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the line in the document text
    text: str  # without its line end

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Document:
    path: str  # as given ("-" for standard input)
    text: str
    bom: bytes = b""  # the byte-order mark the file starts with, written back as it was
    encoding: str = "utf-8"  # the Python codec of the text after the BOM
    declared: str | None = None  # the encoding's name as the file declares it, for messages
    digest: bytes | None = None  # a fingerprint of the bytes read: fix refuses a file changed since
    label: str | None = None  # the name to report for standard input (--stdin-filename)

    @property
    def name(self) -> str:
        return self.label or display_name(self.path)

    def lines(self) -> Iterator[Line]:
        """Lines split on ``\\n`` alone (``str.splitlines`` would also split on U+2028 and
        form feeds and shift every line number after them); a final newline adds none."""
        text = self.text
        start = 0
        number = 1
        length = len(text)
        while start < length:
            end = text.find("\n", start)
            if end < 0:
                end = length
            stop = end - 1 if end > start and text[end - 1] == "\r" else end
            yield Line(number, start, text[start:stop])
            start = end + 1
            number += 1

    @property
    def encoding_name(self) -> str:
        """The encoding as a person knows it: as declared, else from the BOM, else UTF-8."""
        if self.declared:
            return self.declared
        return next((name for mark, _, name in BOMS if mark == self.bom), "UTF-8")

    def splice(self, replacements: Iterable[tuple[int, int, str]]) -> bytes:
        """The file's bytes with ``text[start:end]`` replaced; nothing else changes.

        Raises UnicodeEncodeError when a replacement holds a character the file's encoding
        lacks (a writer escapes those where its format can).
        """
        out: list[str] = []
        cursor = 0
        for start, end, new in sorted(replacements):
            if start < cursor:
                raise ValueError(f"overlapping replacements at {start}")
            out.append(self.text[cursor:start])
            out.append(new)
            cursor = end
        out.append(self.text[cursor:])
        return self.bom + "".join(out).encode(self.encoding)

    def encode(self) -> bytes:
        return self.bom + self.text.encode(self.encoding)


def read_bytes(path: str) -> bytes:
    """A regular file's bytes, or standard input's (see mtcheck.fileio)."""
    try:
        return read_regular(path)
    except FileProblem as exc:
        raise InputError(InputProblem(display_name(path), str(exc))) from None


def codec(name: str) -> str | None:
    """Python's codec for an encoding name a file gives, or None if there is none."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in _NOT_FILE_ENCODINGS:
        return None
    return info.name


def sniff_encoding(data: bytes, sniffer: Sniffer | None) -> tuple[bytes, str, Declared | None]:
    """(BOM, codec, declaration) for a file's bytes: the BOM wins, then what the file declares."""
    for mark, name, _ in BOMS:
        if data.startswith(mark):
            return mark, name, None
    declared = sniffer(data) if sniffer is not None else None
    if declared is None:
        return b"", "utf-8", None
    name = codec(declared.name)
    if name is None:
        raise InputError(
            InputProblem("", f"unknown encoding {declared.name!r} (declared in {declared.where}); save it as UTF-8")
        )
    if name in ("utf-16", "utf-32"):  # no BOM: the byte order must be spelled out
        if b"\x00" not in data[:4]:  # 8-bit bytes under a wrong declaration: what they are is UTF-8
            return b"", "utf-8", None
        name += "-le" if data[1:2] == b"\x00" else "-be"
    return b"", name, declared


def decode(data: bytes, path: str, encoding: str = "utf-8", declared: Declared | None = None) -> str:
    """Decode (the BOM already dropped); a bad byte is reported at its line and column, with
    the encoding that was expected and where it came from."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode(encoding, errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        bad = data[exc.start]
        if declared is not None:
            message = f"not valid {declared.name} (byte 0x{bad:02x}), the encoding {declared.where} declares"
        elif encoding == "utf-8":
            message = f"not valid UTF-8 (byte 0x{bad:02x}); save the file as UTF-8"
        else:
            label = next((name for _, codec_name, name in BOMS if codec_name == encoding), encoding)
            message = f"not valid {label} (byte 0x{bad:02x}), the encoding its byte-order mark says"
        raise InputError(InputProblem(display_name(path), message, line, column)) from None


def read_document(path: str, sniffer: Sniffer | None = None, label: str | None = None) -> Document:
    """Read and decode a file; ``sniffer`` finds an encoding the format lets files declare.
    ``label`` names standard input in keys and messages (``--stdin-filename``)."""
    if label is not None and path == STDIN:
        try:
            return _labelled(read_document(path, sniffer), label)
        except InputError as exc:
            problem = exc.problem
            raise InputError(InputProblem(label, problem.message, problem.line, problem.column)) from None
    data = read_bytes(path)
    bom, encoding, declared, text = decoded(data, path, sniffer)
    return Document(path, text, bom, encoding, declared.name if declared else None, fingerprint(data))


def decoded(data: bytes, path: str, sniffer: Sniffer | None) -> tuple[bytes, str, Declared | None, str]:
    """(BOM, codec, declaration, text) of a file's bytes, as a file is read and as a written
    file is read back to prove it (one decision for both, or a file that reads could fail to
    read back)."""
    try:
        bom, encoding, declared = sniff_encoding(data, sniffer)
    except InputError as exc:
        raise InputError(InputProblem(display_name(path), exc.problem.message)) from None
    if bom == UTF32LE_BOM and not _decodes(data[len(bom) :], encoding):
        # FF FE 00 00 is also a UTF-16-LE mark followed by U+0000: take it so when UTF-32 fails
        bom, encoding = UTF16LE_BOM, "utf-16-le"
    return bom, encoding, declared, decode(data[len(bom) :], path, encoding, declared)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _labelled(document: Document, label: str) -> Document:
    from dataclasses import replace

    return replace(document, label=label)


def split_lines(text: str) -> list[str]:
    """Lines without their terminators; a final newline does not make an extra line."""
    return [line.text for line in Document("", text).lines()]
