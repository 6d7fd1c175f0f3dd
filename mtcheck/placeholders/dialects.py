"""The placeholder dialects that a regular expression can find: one table, one row per dialect.

Each row is a pattern (non-capturing groups only: the scanner joins the rows of a set into one
alternation and tells them apart by group name) and a key function. Keys decide what counts as
"the same placeholder" in source and target: printf's ``%s`` then ``%d`` is argument 1 a string
and argument 2 an integer, so ``%2$d … %1$s`` has the same keys and a reordering is no error,
while ``%d … %s`` has other keys. A key of None marks an escape (``%%``, ``{{`` in Python's
``str.format``, ``~~``): protected from fixes, but no placeholder.

The first element of a key is its family; ``REPEATABLE`` families compare as sets (a named or
numbered argument may be used any number of times), the others as multisets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

Key = Hashable | None
Keys = Callable[[Sequence[str]], list[Key]]

#: Families whose placeholders may appear any number of times: compared as sets.
REPEATABLE = frozenset({"py-name", "brace", "qt", "icu", "mustache", "symfony", "sh", "ruby-name", "printf-any"})


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    summary: str
    pattern: str
    keys: Keys
    #: One of these occurs in every token: a text without any skips the dialect.
    markers: tuple[str, ...]


# --- printf and its relatives -------------------------------------------------------------

#: C's conversions by the argument type they read; msgfmt compares these types, with the length modifier.
_C_TYPES = {
    **dict.fromkeys("di", "int"),
    **dict.fromkeys("ouxX", "uint"),
    **dict.fromkeys("eEfFgGaA", "double"),
    "c": "char",
    "C": "wchar",
    "s": "string",
    "S": "wstring",
    "p": "pointer",
    "n": "count",
    "@": "object",
}
_PY_TYPES = {**dict.fromkeys("sra", "any"), **dict.fromkeys("diuoxX", "int"), **dict.fromkeys("eEfFgG", "float")}
_PY_TYPES["c"] = "char"
_PRINTF_PARTS = re.compile(
    r"%(?:(?P<pos>\d+)\$)?(?P<flags>(?:'.|[-+ #0'I])*?)(?P<width>\*(?:\d+\$)?|\d+)?"
    r"(?:\.(?P<precision>\*(?:\d+\$)?|\d*))?(?P<length>hh|h|ll|l|L|q|j|z|Z|t|I64|I32)?"
    r"(?:<(?P<macro>PRI[A-Za-z0-9_]+)>|(?P<conversion>[A-Za-z@]))"
)
_PY_PARTS = re.compile(
    r"%(?:\((?P<name>[^()]*)\))?[-+ #0]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?(?P<conversion>[a-zA-Z])"
)
_NO_ARGUMENT = frozenset("m")  # glibc %m: strerror(errno), reads no argument


def _star(value: str | None, position: list[int], out: list[tuple[int, str]]) -> None:
    """A ``*`` width or precision reads an int argument (``*2$`` a numbered one)."""
    if value and value.startswith("*"):
        if value.endswith("$"):
            out.append((int(value[1:-1]), "int"))
        else:
            out.append((position[0], "int"))
            position[0] += 1


def printf_keys(tokens: Sequence[str]) -> list[Key]:
    """``("printf", (index, type), …)``: the arguments a directive reads, numbered as printf does."""
    position = [1]
    keys: list[Key] = []
    for token in tokens:
        match = _PRINTF_PARTS.fullmatch(token)
        if token == "%%" or match is None:
            keys.append(None)
            continue
        if match["conversion"] in _NO_ARGUMENT:
            keys.append(("printf-noarg", match["conversion"]))
            continue
        arguments: list[tuple[int, str]] = []
        kind = match["macro"] or (match["length"] or "") + _C_TYPES.get(match["conversion"], match["conversion"])
        if match["pos"] and "*" in (match["width"], match["precision"]):
            # Tcl's %2$*i: the width is argument 2, the value the one after (C has no such form)
            first = int(match["pos"])
            keys.append(("printf", (first, "int"), (first + 1, kind)))
            continue
        _star(match["width"], position, arguments)
        _star(match["precision"], position, arguments)
        if match["pos"]:
            arguments.append((int(match["pos"]), kind))
        else:
            arguments.append((position[0], kind))
            position[0] += 1
        keys.append(("printf", *sorted(arguments)))
    return keys


def printf_text_keys(tokens: Sequence[str]) -> list[Key]:
    """Where no flag says the text goes through printf, only which types occur is compared: a
    repeated ``%@`` in a list of alternatives is the same value, not a new argument."""
    keys: list[Key] = []
    for key in printf_keys(tokens):
        if key is None or key[0] != "printf":  # type: ignore[index]
            keys.append(key)
        else:
            keys.append(("printf-any", *sorted({kind for _, kind in key[1:]})))  # type: ignore[index]
    return keys


def java_printf_keys(tokens: Sequence[str]) -> list[Key]:
    """Java's Formatter: ``%n`` is a newline and reads nothing; ``%tY`` reads a date."""
    keys = iter(printf_keys([token for token in tokens if token != "%n"]))
    return [("printf-noarg", "n") if token == "%n" else next(keys) for token in tokens]


def python_keys(tokens: Sequence[str]) -> list[Key]:
    """``%(name)s`` by name (any number of times), ``%s`` by position, each with its type."""
    position = 1
    keys: list[Key] = []
    for token in tokens:
        match = _PY_PARTS.fullmatch(token)
        if token == "%%" or match is None:
            keys.append(None)
            continue
        kind = _PY_TYPES.get(match["conversion"], match["conversion"])
        if match["name"] is not None:
            keys.append(("py-name", match["name"], kind))
            continue
        arguments = []
        for star in (match["width"], match["precision"]):
            if star == "*":
                arguments.append((position, "int"))
                position += 1
        arguments.append((position, kind))
        position += 1
        keys.append(("py", *arguments))
    return keys


# --- names and numbers ---------------------------------------------------------------------

_BRACE_FIELD = re.compile(r"\{(?P<field>[^{}!:,\s]*)")


def brace_keys(tokens: Sequence[str]) -> list[Key]:
    """``{name}``, ``{0:N2}``, ``{}``: by field name (``{}`` numbered in order); ``{{ }}`` are escapes."""
    automatic = 0
    keys: list[Key] = []
    for token in tokens:
        if token in ("{{", "}}"):
            keys.append(None)
            continue
        match = _BRACE_FIELD.match(token)
        field = match["field"] if match else token
        if field == "":
            field = str(automatic)
            automatic += 1
        keys.append(("brace", field))
    return keys


def _family(family: str, pick: Callable[[str], str]) -> Keys:
    return lambda tokens: [(family, pick(token)) for token in tokens]


def _escapes(escapes: frozenset[str], keys: Keys) -> Keys:
    def wrapped(tokens: Sequence[str]) -> list[Key]:
        kept = [token for token in tokens if token not in escapes]
        inner = iter(keys(kept))
        return [None if token in escapes else next(inner) for token in tokens]

    return wrapped


def _collapse(token: str) -> str:
    return " ".join(token.split())


def _qt_number(token: str) -> str:
    return token.lstrip("%L") or "n"


def tilde_keys(tokens: Sequence[str]) -> list[Key]:
    """Lisp and Scheme ``format``: ``~a`` ``~s`` ``~d`` read arguments in order; ``~%`` ``~&``
    ``~~`` are a newline, a fresh line and a tilde."""
    position = 1
    keys: list[Key] = []
    for token in tokens:
        directive = token[-1].lower()
        if directive in "%&~|":
            keys.append(None)
            continue
        keys.append(("tilde", position, "any" if directive in "as" else directive))
        position += 1
    return keys


# --- the table -----------------------------------------------------------------------------

_C_CONVERSIONS = "diouxXeEfFgGaAcCsSpnm"
_PRINTF_BODY = r"(?:\d+\$)?(?:[-+ #0'I])*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d*))?(?:hh|h|ll|l|L|q|j|z|Z|t)?"


def _printf(conversions: str, flags: str = r"[-+ #0'I]", extra: str = "") -> str:
    body = _PRINTF_BODY.replace(r"[-+ #0'I]", flags)
    return rf"%%|%{body}(?:[{conversions}]|<PRI[diouxX](?:8|16|32|64|MAX|PTR|LEAST\d+|FAST\d+)>){extra}"


#: The named character references UI strings use; "&Hecho; siguiente" is an accelerator and a semicolon.
ENTITY_NAMES = (
    "amp lt gt quot apos nbsp shy ndash mdash hellip laquo raquo lsquo rsquo ldquo rdquo sbquo bdquo "
    "copy reg trade bull middot times divide deg plusmn micro euro pound yen cent sect para "
    "thinsp ensp emsp zwj zwnj lrm rlm"
).split()
ENTITY = rf"&(?:#x[0-9A-Fa-f]+|#\d+|(?:{'|'.join(ENTITY_NAMES)}));"

#: What may follow a comma in a brace placeholder: an alignment or a format type, so a shell
#: brace list ({heads,tags}) is text.
_FORMAT_TYPES = r"(?:number|integer|date|time|datetime|spellout|ordinal|duration|choice|currency|percent)"
#: What ends a URL: space, quotes, brackets of markup, and CJK text (``'file://'을``, ``见https://x.org。``).
_URL_STOP = r"\s<>\"'“”‘’\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef"
DIALECTS: dict[str, Dialect] = {
    dialect.name: dialect
    for dialect in (
        Dialect(
            "printf",
            "C and glibc printf: %s, %5.2f, %lu, %2$s (numbered), %'d and %Id (glibc), %.*s; %% is a percent sign",
            _printf(_C_CONVERSIONS),
            printf_keys,
            ("%",),
        ),
        Dialect(
            "printf-text",
            "printf where no flag says the text is a format: no space flag and no %n or %m, so "
            "'100% sure' and 'n%m' stay text; %@ and %1$@ (Objective-C, iOS) are included; compared "
            "by the types that occur, not by argument number",
            _printf("diouxXeEfFgGcsp@", flags=r"[-+#0'I]"),
            printf_text_keys,
            ("%",),
        ),
        Dialect(
            "objc",
            "Objective-C and iOS: printf with %@ and %1$@ (objects)",
            _printf(_C_CONVERSIONS + "@"),
            printf_keys,
            ("%",),
        ),
        Dialect(
            "php",
            "PHP sprintf: printf with %1$s and a custom padding character (%'*10s)",
            _printf("bcdeEfFgGosuxX", flags=r"(?:'.|[-+ 0])"),
            printf_keys,
            ("%",),
        ),
        Dialect(
            "java-printf",
            "Java Formatter and Android strings: %1$s, %d, %tY; %n is a newline",
            r"%%|%n|%(?:\d+\$)?[-#+ 0,(<]*\d*(?:\.\d+)?(?:[tT][A-Za-z]|[bBhHsScCdoxXeEfgGaA])",
            java_printf_keys,
            ("%",),
        ),
        Dialect(
            "strftime",
            "Date and time formats (%Y-%m-%d, %b %e, %H:%M, %-Od with alternative digits): a translation "
            "localizes them, so they are "
            "protected but not compared",
            r"%%|%[-_0^#]?[EO]?[A-Za-z+]",
            lambda tokens: [None] * len(tokens),
            ("%",),
        ),
        Dialect(
            "python",
            "Python %-formatting: %s, %d, %(name)s (by name, any order and number of times); %% is a percent sign",
            r"%%|%(?:\([^()\s]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]?[diouxXeEfFgGcrsa]",
            python_keys,
            ("%",),
        ),
        Dialect(
            "python-named",
            "Python's %(name)s where no flag names the syntax (a bare %s is printf's)",
            r"%\([A-Za-z_][A-Za-z0-9_]*\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]",
            python_keys,
            ("%(",),
        ),
        Dialect(
            "python-brace",
            "Python str.format, C++ std::format, Rust: {}, {0}, {name}, {name.attr}, {0!r:>10}; {{ and }} are braces",
            r"\{\{|\}\}|\{(?:[A-Za-z_][A-Za-z0-9_]*|\d+)?(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[^\]{}]*\])*(?:![rsa])?"
            r"(?::(?:[^{}]|\{[^{}]*\})*)?\}",
            brace_keys,
            ("{", "}"),
        ),
        Dialect(
            "dotnet",
            ".NET composite formatting: {0}, {0,10}, {0:N2}, {1,-8:C}; {{ and }} are braces",
            r"\{\{|\}\}|\{\d+(?:\s*,\s*-?\d+)?(?::[^{}]*)?\}",
            brace_keys,
            ("{", "}"),
        ),
        Dialect(
            "brace",
            "Braces where no flag names the syntax: {0}, {name}, {0:N2}, {0,10}, {n, number}, {user.name}; "
            "not a shell list such as {heads,tags}",
            r"\{(?:\d+|[A-Za-z_][A-Za-z0-9_.-]*)?(?:![rsa])?(?::[^{}]*|\s*,\s*(?:-?\d+|"
            + _FORMAT_TYPES
            + r")\b[^{}]*)?\}",
            brace_keys,
            ("{",),
        ),
        Dialect(
            "perl-brace",
            "Perl's {name} (libintl-perl __x)",
            r"\{[A-Za-z_][A-Za-z0-9_]*\}",
            _family("brace", lambda token: token[1:-1]),
            ("{",),
        ),
        Dialect(
            "qt",
            "Qt and KDE: %1 … %99, %L1 (localized digits); the same number may be used twice",
            r"%L?(?:[1-9]\d?)(?!\$)",
            _family("qt", _qt_number),
            ("%",),
        ),
        Dialect(
            "qt-plural",
            "Qt plurals: %n and %Ln, the count",
            r"%L?n",
            _family("qt", _qt_number),
            ("%",),
        ),
        Dialect(
            "mustache",
            "Angular, Vue, Jinja, Twig, Handlebars, Symfony validators: {{ name }}, {{{ raw }}}, {% tag %}; "
            "spacing inside does not matter",
            r"\{\{\{[^{}]*\}\}\}|\{\{[^{}]*\}\}|\{%-?(?:[^%]|%(?!\}))*?-?%\}",
            _family("mustache", lambda token: _collapse(token.strip("{}%- "))),
            ("{{", "{%"),
        ),
        Dialect(
            "symfony",
            "Symfony and other %name% placeholders (two characters or more: %s% stays printf)",
            r"%[A-Za-z_][A-Za-z0-9_.-]*[A-Za-z0-9_]%(?!%)",
            _family("symfony", lambda token: token),
            ("%",),
        ),
        Dialect(
            "template",
            "JavaScript template and shell ${name}",
            r"\$\{[^{}\s]+\}",
            _family("sh", lambda token: token[2:-1]),
            ("${",),
        ),
        Dialect(
            "sh",
            "Shell: $NAME and ${NAME}",
            r"\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*",
            _family("sh", lambda token: token.strip("${}")),
            ("$",),
        ),
        Dialect(
            "ruby",
            "Ruby: %{name} and %<name>s, besides printf",
            r"%\{[A-Za-z_][A-Za-z0-9_]*\}|%<[A-Za-z_][A-Za-z0-9_]*>[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]|"
            + _printf(_C_CONVERSIONS),
            lambda tokens: [
                ("ruby-name", token[2:].split(">")[0].rstrip("}")) if token[1] in "{<" else key
                for token, key in zip(tokens, printf_keys(tokens), strict=True)
            ],
            ("%",),
        ),
        Dialect(
            "boost",
            "Boost.Format: %1%, %|1$d|, besides printf",
            r"%\d+%|%\|\d+\$[^|]*\||" + _printf(_C_CONVERSIONS),
            lambda tokens: [
                ("qt", token.strip("%|").split("$")[0]) if token[-1] in "%|" and token != "%%" else key
                for token, key in zip(tokens, printf_keys(tokens), strict=True)
            ],
            ("%",),
        ),
        Dialect(
            "tilde",
            "Lisp and Scheme format: ~a, ~s, ~d in order; ~% and ~& are line breaks, ~~ a tilde",
            r"~~|~%|~&|~\||~\d*(?:,\d*)*[:@]*[aAsSdDbBoOxXcCfFeEgGrRpP$]",
            tilde_keys,
            ("~",),
        ),
        Dialect(
            "url",
            "URLs (any scheme): a localized link (another URL in its place) is no error, a missing one is",
            rf"(?<![A-Za-z0-9+.-])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^{_URL_STOP}]+",
            _family("url", lambda token: "url"),
            ("://", "www."),
        ),
        Dialect(
            "email",
            "E-mail addresses, compared by number like URLs",
            r"(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+",
            _family("email", lambda token: "email"),
            ("@",),
        ),
        Dialect(
            "any-tag",
            "Protection only: anything shaped like a tag (<a href=x>, <file name>), never compared",
            r"</?[A-Za-z][A-Za-z0-9_:.-]*(?:\s+[^<>]*?)?/?>",
            lambda tokens: [None] * len(tokens),
            ("<",),
        ),
        Dialect(
            "any-braces",
            "Protection only: anything in braces ({heads,tags}, {expression régulière}, ${a b}), never compared",
            r"\$?\{[^{}\s][^{}]*\}",
            lambda tokens: [None] * len(tokens),
            ("{",),
        ),
        Dialect(
            "any-tilde",
            "Protection only: a Lisp or Scheme directive standing alone (~a, ~s, ~%) where no flag names "
            "the syntax, as catalogues converted to XLIFF or TMX carry them ('~a a' is no doubled word)",
            r"~[:@]*[aAsSdDxXoObBcCfFeEgGrRpP%&|~](?![^\W_])",
            lambda tokens: [None] * len(tokens),
            ("~",),
        ),
        Dialect(
            "any-entity",
            "Protection only: any named reference (&foo;), never compared",
            r"&[A-Za-z][A-Za-z0-9]*;",
            lambda tokens: [None] * len(tokens),
            ("&",),
        ),
        Dialect(
            "entity",
            "XML and HTML character references (&amp;, &nbsp;, &#160; and the other names UI text uses): "
            "protected, not compared",
            ENTITY,
            lambda tokens: [None] * len(tokens),
            ("&",),
        ),
    )
}


def check_patterns() -> None:
    """Every pattern compiles and captures nothing (the scanner numbers the groups)."""
    for dialect in DIALECTS.values():
        if re.compile(dialect.pattern).groups:
            raise AssertionError(f"dialect {dialect.name}: capturing group in its pattern")
