"""The placeholder dialects (mtcheck/placeholders): what each finds, with exact spans and keys,
how PO flags choose them, and the protected spans other code asks for."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.lang.plural_forms import compile_expression, counts, parse_header, rare_forms
from mtcheck.model import Meta, Origin, Segment
from mtcheck.placeholders import (
    DEFAULT,
    DIALECTS,
    PARSED,
    UNIVERSAL,
    dialects_for,
    protected_spans,
    scan,
    segment_spans,
)
from mtcheck.placeholders.dialects import check_patterns


def tokens(
    text: str, dialects: tuple[str, ...], closed: frozenset[str] = frozenset()
) -> list[tuple[int, int, str, object]]:
    return [(t.start, t.end, t.text, t.key) for t in scan(text, dialects, closed=closed).tokens]


def test_patterns_compile_without_groups() -> None:
    check_patterns()


# --- one row per dialect: text → (start, end, token, key) ----------------------------------

DIALECT_CASES = [
    # printf: positions, glibc flags, %% and %m, star arguments, <PRIu64> macros
    (
        "printf",
        "%s of %d, %2$s %% %m",
        [
            (0, 2, "%s", ("printf", (1, "string"))),
            (6, 8, "%d", ("printf", (2, "int"))),
            (10, 14, "%2$s", ("printf", (2, "string"))),
            (15, 17, "%%", None),
            (18, 20, "%m", ("printf-noarg", "m")),
        ],
    ),
    (
        "printf",
        "%'d %Id %-10.3lf %.*s %<PRIu64>",
        [
            (0, 3, "%'d", ("printf", (1, "int"))),
            (4, 7, "%Id", ("printf", (2, "int"))),
            (8, 16, "%-10.3lf", ("printf", (3, "ldouble"))),
            (17, 21, "%.*s", ("printf", (4, "int"), (5, "string"))),
            (22, 31, "%<PRIu64>", ("printf", (6, "PRIu64"))),
        ],
    ),
    ("printf", "%2$*i", [(0, 5, "%2$*i", ("printf", (2, "int"), (3, "int")))]),  # Tcl: width is argument 2
    ("printf-text", "100% sure, 50%s", [(13, 15, "%s", ("printf-any", "string"))]),  # no space flag
    (
        "printf-text",
        "%@ and %1$@",
        [(0, 2, "%@", ("printf-any", "object")), (7, 11, "%1$@", ("printf-any", "object"))],
    ),
    ("objc", "%lu %@", [(0, 3, "%lu", ("printf", (1, "luint"))), (4, 6, "%@", ("printf", (2, "object")))]),
    ("php", "%'*10s %1$d", [(0, 6, "%'*10s", ("printf", (1, "string"))), (7, 11, "%1$d", ("printf", (1, "int")))]),
    (
        "java-printf",
        "%1$s%n%tY",
        [
            (0, 4, "%1$s", ("printf", (1, "string"))),
            (4, 6, "%n", ("printf-noarg", "n")),
            (6, 9, "%tY", ("printf", (1, "tY"))),
        ],
    ),
    (
        "python",
        "%(name)s has %d%% of %s",
        [
            (0, 8, "%(name)s", ("py-name", "name", "any")),
            (13, 15, "%d", ("py", (1, "int"))),
            (15, 17, "%%", None),
            (21, 23, "%s", ("py", (2, "any"))),
        ],
    ),
    ("python-named", "%(count)d files, 100%", [(0, 9, "%(count)d", ("py-name", "count", "int"))]),
    (
        "python-brace",
        "{} {0!r:>10} {name.attr} {{x}}",
        [
            (0, 2, "{}", ("brace", "0")),
            (3, 12, "{0!r:>10}", ("brace", "0")),
            (13, 24, "{name.attr}", ("brace", "name.attr")),
            (25, 27, "{{", None),
            (28, 30, "}}", None),
        ],
    ),
    (
        "dotnet",
        "{0:N2} {1,-8:C} {{",
        [(0, 6, "{0:N2}", ("brace", "0")), (7, 15, "{1,-8:C}", ("brace", "1")), (16, 18, "{{", None)],
    ),
    (
        "brace",
        "{0} {name} {0,10} {n, number} {heads,tags}",
        [
            (0, 3, "{0}", ("brace", "0")),
            (4, 10, "{name}", ("brace", "name")),
            (11, 17, "{0,10}", ("brace", "0")),
            (18, 29, "{n, number}", ("brace", "n")),
        ],
    ),
    ("perl-brace", "{name} and {0}", [(0, 6, "{name}", ("brace", "name"))]),
    ("qt", "%1 of %L2, 50%", [(0, 2, "%1", ("qt", "1")), (6, 9, "%L2", ("qt", "2"))]),
    ("qt-plural", "%n files, %Ln", [(0, 2, "%n", ("qt", "n")), (10, 13, "%Ln", ("qt", "n"))]),
    (
        "mustache",
        "{{ limit }} {{{raw}}} {% if x %}",
        [
            (0, 11, "{{ limit }}", ("mustache", "limit")),
            (12, 21, "{{{raw}}}", ("mustache", "raw")),
            (22, 32, "{% if x %}", ("mustache", "if x")),
        ],
    ),
    ("symfony", "%count% files, %s%", [(0, 7, "%count%", ("symfony", "%count%"))]),
    ("template", "${name} costs $5", [(0, 7, "${name}", ("sh", "name"))]),
    ("sh", "$HOME and ${USER}, $5", [(0, 5, "$HOME", ("sh", "HOME")), (10, 17, "${USER}", ("sh", "USER"))]),
    ("sh", "$ref_stash을", [(0, 10, "$ref_stash", ("sh", "ref_stash"))]),  # names are ASCII
    ("ruby", "%{name} %<n>d", [(0, 7, "%{name}", ("ruby-name", "name")), (8, 13, "%<n>d", ("ruby-name", "n"))]),
    ("boost", "%1% %|2$d|", [(0, 3, "%1%", ("qt", "1")), (4, 10, "%|2$d|", ("qt", "2"))]),
    (
        "tilde",
        "~a has ~d~%~~",
        [(0, 2, "~a", ("tilde", 1, "any")), (7, 9, "~d", ("tilde", 2, "d")), (9, 11, "~%", None), (11, 13, "~~", None)],
    ),
    ("strftime", "%b %e, %-d", [(0, 2, "%b", None), (3, 5, "%e", None), (7, 10, "%-d", None)]),
    ("url", "see https://x.org/a%20b.", [(4, 23, "https://x.org/a%20b", ("url", "url"))]),
    ("email", "mail 문의user@x.com", [(7, 17, "user@x.com", ("email", "email"))]),
    ("any-tag", "<a href=x> <file name>", [(0, 10, "<a href=x>", None), (11, 22, "<file name>", None)]),
    ("any-braces", "{heads,tags} ${a b}", [(0, 12, "{heads,tags}", None), (13, 19, "${a b}", None)]),
    ("any-entity", "&Hecho; siguiente", [(0, 7, "&Hecho;", None)]),
    ("any-tilde", "~a a ~amigo ~%~S.", [(0, 2, "~a", None), (12, 14, "~%", None), (14, 16, "~S", None)]),
    ("entity", "a &amp; b&#160;&nbsp;", [(2, 7, "&amp;", None), (9, 15, "&#160;", None), (15, 21, "&nbsp;", None)]),
]


@pytest.mark.parametrize(("dialect", "text", "expected"), DIALECT_CASES, ids=[f"{c[0]}|{c[1]}" for c in DIALECT_CASES])
def test_dialect(dialect: str, text: str, expected) -> None:
    assert tokens(text, (dialect,)) == expected


def test_every_dialect_has_a_row() -> None:
    assert {case[0] for case in DIALECT_CASES} | {"markup", "icu", "java"} == set(DIALECTS) | set(PARSED)


# --- markup ---------------------------------------------------------------------------------


def test_markup_is_told_from_words_in_angle_brackets() -> None:
    text = 'git add <file> <b>x</b> <br> <a href="u">l</a> <x id="1"/> <options>'
    assert [(t.start, t.end, t.text) for t in scan(text, ("markup",)).placeholders] == [
        (15, 18, "<b>"),
        (19, 23, "</b>"),
        (24, 28, "<br>"),
        (29, 41, '<a href="u">'),
        (42, 46, "</a>"),
        (47, 58, '<x id="1"/>'),
    ]
    # the words are not compared, but no fix may edit them
    assert [(t.text, t.key) for t in scan(text, ("markup",)).tokens if t.key is None] == [
        ("<file>", None),
        ("<options>", None),
    ]


def test_markup_keys() -> None:
    keys = [t.key for t in scan('<b></b><a href="x" class="c"><x id="1" ctype="bold"/>', ("markup",)).tokens]
    assert keys == [
        ("tag", False, "open", "b", ()),
        ("tag", False, "close", "b", ()),
        ("tag", False, "open", "a", (("class", "c"), ("href", ""))),  # a link may be localized
        ("tag", False, "empty", "x", (("id", "1"),)),  # XLIFF codes: only the id ties them
    ]


def test_escaped_markup_is_markup_not_text() -> None:
    text = "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;a href=&quot;u&quot;&gt;"
    assert tokens(text, ("markup", "entity")) == [
        (0, 9, "&lt;b&gt;", ("tag", True, "open", "b", ())),
        (13, 23, "&lt;/b&gt;", ("tag", True, "close", "b", ())),
        (24, 29, "&amp;", None),
        (30, 58, "&lt;a href=&quot;u&quot;&gt;", ("tag", True, "open", "a", (("href", ""),))),
    ]


def test_an_open_tag_is_markup_when_the_other_text_closes_it() -> None:
    assert tokens("<b>Fett", ("markup",)) == [(0, 3, "<b>", None)]  # protected, not compared
    assert tokens("<b>Fett", ("markup",), frozenset({"b"})) == [(0, 3, "<b>", ("tag", False, "open", "b", ()))]


# --- ICU and Java MessageFormat ---------------------------------------------------------------


def test_icu_plural_pieces_and_arguments() -> None:
    text = "{n, plural, one {# file} other {# files in {dir}}}"
    found = scan(text, ("icu",))
    assert [(t.start, t.end, t.text, t.key) for t in found.tokens] == [
        (0, 12, "{n, plural, ", ("icu", "n")),
        (12, 17, "one {", None),
        (17, 18, "#", ("icu", "#")),
        (23, 24, "}", None),
        (25, 32, "other {", None),
        (32, 33, "#", ("icu", "#")),
        (43, 48, "{dir}", ("icu", "dir")),
        (48, 49, "}", None),
        (49, 50, "}", None),
    ]
    assert [(a.name, a.type, a.keys, a.start, a.end) for a in found.arguments] == [
        ("n", "plural", ("one", "other"), 0, 50)
    ]


def test_icu_select_offset_and_quoting() -> None:
    found = scan("{g, select, male {He} other {They}} '{'x'}' {c, plural, offset:1 =0 {none} other {#}}", ("icu",))
    assert [(a.name, a.type, a.keys) for a in found.arguments] == [
        ("g", "select", ("male", "other")),
        ("c", "plural", ("=0", "other")),
    ]
    assert found.quoted == ((36, 39), (40, 43))


def test_icu_in_the_default_set_only_with_plural_or_select() -> None:
    assert [t.dialect for t in scan("{count} items", DEFAULT).tokens] == ["brace"]
    assert {t.dialect for t in scan("{count, plural, other {# items}}", DEFAULT).tokens} == {"icu"}


def test_icu_skips_markup_and_falls_back_when_unbalanced() -> None:
    found = scan('{n, plural, other {<x id="ICU" equiv-text="{{n}}"/> items}}', ("icu", "markup"))
    assert [t.text for t in found.tokens if t.key] == ["{n, plural, ", '<x id="ICU" equiv-text="{{n}}"/>']
    assert [t.text for t in scan("{name} and {", ("icu",)).tokens] == ["{name}"]


def test_markup_in_braces_is_no_argument() -> None:
    assert tokens("{<b>}", ("icu", "markup")) == [(1, 4, "<b>", None)]


def test_messages_nested_past_the_stack_are_not_parsed() -> None:
    deep = "{n, plural, other {" * 3000 + "x" + "}}" * 3000
    assert scan(deep, ("icu",)).arguments == ()


def test_java_apostrophes_quote() -> None:
    found = scan("It''s {0,number,integer} {1,choice,0#none|1<{1} files}, l'{2}", ("java",))
    assert [(t.text, t.key) for t in found.tokens if t.key] == [
        ("{0,number,integer}", ("icu", "0")),
        ("{1,choice,", ("icu", "1")),
        ("{1}", ("icu", "1")),
    ]
    assert found.quoted == ((57, 61),)  # an apostrophe never closed quotes the rest: {2} is text


# --- choosing dialects ------------------------------------------------------------------------

FLAG_CASES = [
    (frozenset(), DEFAULT),
    (frozenset({"c-format"}), (*UNIVERSAL, "printf")),
    (frozenset({"fuzzy", "python-format", "python-brace-format"}), (*UNIVERSAL, "python-brace", "python")),
    (frozenset({"qt-format", "qt-plural-format"}), (*UNIVERSAL, "qt", "qt-plural")),
    (frozenset({"kde-format"}), (*UNIVERSAL, "qt")),
    (frozenset({"javascript-format"}), (*UNIVERSAL, "printf")),
    (frozenset({"java-format"}), (*UNIVERSAL, "java")),
    (frozenset({"csharp-format"}), (*UNIVERSAL, "dotnet")),
    (frozenset({"php-format"}), (*UNIVERSAL, "php")),
    (frozenset({"objc-format"}), (*UNIVERSAL, "objc")),
    (frozenset({"icu-message-format"}), (*UNIVERSAL, "icu")),
    (frozenset({"no-c-format"}), tuple(d for d in DEFAULT if d != "printf-text")),
    (frozenset({"no-python-format", "no-qt-format"}), tuple(d for d in DEFAULT if d not in ("python-named", "qt"))),
]


@pytest.mark.parametrize(("flags", "expected"), FLAG_CASES, ids=[",".join(sorted(c[0])) or "-" for c in FLAG_CASES])
def test_dialects_for_flags(flags: frozenset[str], expected: tuple[str, ...]) -> None:
    assert dialects_for(flags) == expected


def test_a_date_format_reads_as_strftime() -> None:
    assert "strftime" in dialects_for(frozenset(), "%b %e")
    assert "strftime" in dialects_for(frozenset(), "%H:%M")
    assert "strftime" in dialects_for(frozenset(), "%-Od.%-Om.")  # alternative digits (caja)
    assert tokens("%-Od %p", ("strftime",)) == [(0, 4, "%-Od", None), (5, 7, "%p", None)]
    assert "strftime" not in dialects_for(frozenset(), "%lu files, %zu bytes")
    assert "strftime" not in dialects_for(frozenset({"c-format"}), "%b %e")


# --- protected spans --------------------------------------------------------------------------


def test_protected_spans() -> None:
    text = "Open %s in <b>{app}</b> at https://x.org/a..b &amp; 100%"
    assert protected_spans(text) == [(5, 7), (11, 14), (14, 19), (19, 23), (27, 45), (46, 51)]
    # what is only shaped like a placeholder is protected too, never compared
    assert protected_spans("git add <file> {heads,tags} &Hecho; $HOME") == [(8, 14), (15, 27), (28, 35), (36, 41)]
    assert scan("{heads,tags} $HOME", DEFAULT).placeholders == []
    assert protected_spans("%Y-%m-%d") == [(0, 2), (3, 5), (6, 8)]
    assert protected_spans("Done.") == []


def test_segment_spans_follow_the_units_flags() -> None:
    qt = Segment("k", "%1 von %2, 100%", Origin("t", 1), source="%1 of %2", meta=Meta(flags=frozenset({"qt-format"})))
    c = Segment("k", "%1 von %s", Origin("t", 1), source="%s of", meta=Meta(flags=frozenset({"c-format"})))
    assert segment_spans(qt) == [(0, 2), (7, 9)]
    assert segment_spans(c) == [(7, 9)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="%{}<>/&;$~'#abs01 ,.:=\"", max_size=40))
def test_scan_never_fails_and_spans_never_overlap(text: str) -> None:
    for dialects in (DEFAULT, dialects_for(frozenset({"c-format"})), ("icu", "markup"), ("java",), ("python",)):
        found = scan(text, dialects).tokens
        for token in found:
            assert text[token.start : token.end] == token.text
        for first, second in itertools.pairwise(found):
            assert first.end <= second.start


# --- gettext plural forms -------------------------------------------------------------------

RU = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"
AR = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"


def test_plural_header() -> None:
    assert parse_header(f"nplurals=3; plural={RU};") == (3, RU)
    assert parse_header("nplurals=1; plural=0;") == (1, "0")
    assert parse_header("nplurals=2;") == (2, None)
    assert parse_header("garbage") == (None, None)


@pytest.mark.parametrize(
    ("expression", "n", "form"),
    [
        (RU, 1, 0),
        (RU, 21, 0),
        (RU, 11, 2),
        (RU, 3, 1),
        (RU, 14, 2),
        (AR, 0, 0),
        (AR, 2, 2),
        (AR, 105, 3),
        ("n != 1", 1, 0),
        ("n>1", 0, 0),
        ("n<=1 ?0 : 1", 2, 1),
        ("!(n==1)", 5, 1),
        ("n%10==1 && n%100!=11 ? 0 : 1", 11, 1),
    ],
)
def test_plural_expression(expression: str, n: int, form: int) -> None:
    assert compile_expression(expression)(n) == form


def test_rare_forms_follow_msgfmt() -> None:
    assert rare_forms("n != 1", 2) == {0}  # German: only n = 1
    assert rare_forms("n > 1", 2) == {0}  # French: 0 and 1
    assert rare_forms(RU, 3) == frozenset()  # 1, 21, 31…
    assert rare_forms(AR, 6) == {0, 1, 2}
    assert rare_forms("0", 1) == frozenset()
    assert rare_forms(None, None) == {0}  # msgfmt's default: the Germanic rule
    assert rare_forms(None, 1) == frozenset()
    assert counts("n", 2) is None  # selects forms past nplurals
    assert counts("n +", 2) is None  # not an expression
