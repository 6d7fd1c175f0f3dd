"""The software-localization checks: placeholders by dialect, plural forms, accelerators,
whitespace at the edges, length limits and special entries; with the PO and XLIFF metadata
they read. Every row gives exact spans, sides and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from mtcheck.checks import accelerators, limits, placeholders, plurals, special, whitespace
from mtcheck.engine import Checker, RuleSet
from mtcheck.formats import load
from mtcheck.model import NO_META, Edit, Meta, Origin, PluralForm, Segment, Side, SizeLimit, apply_edits

S, T = Side.SOURCE, Side.TARGET
C_FORMAT = Meta(flags=frozenset({"c-format"}))
RU = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"


def segment(target: str, source: str | None, meta: Meta = NO_META, key: str = "s") -> Segment:
    return Segment(key, target, Origin("t", 1), source=source, meta=meta)


def hits(check, target: str, source: str | None, meta: Meta = NO_META):
    return [(h.start, h.end, h.side, h.message) for h in check.hits(segment(target, source, meta))]


def fixed(check, target: str, source: str | None, meta: Meta = NO_META):
    """(start, end, fixed target or None, safety) per hit."""
    return [
        (h.start, h.end, apply_edits(target, h.fix.edits) if h.fix else None, h.fix.safety.value if h.fix else None)
        for h in check.hits(segment(target, source, meta))
    ]


def plural(form: int, singular: str, plural_: str, translated=(True, True, True), nplurals=3, expression=RU):
    return Meta(
        flags=frozenset({"c-format"}), plural=PluralForm(form, singular, plural_, translated, nplurals, expression)
    )


MISSING, EXTRA, ORDER, BRANCHES = placeholders.MISSING, placeholders.EXTRA, placeholders.ORDER, placeholders.BRANCHES

PLACEHOLDER_CASES = [
    # printf: numbered arguments reorder, glibc flags, %% is no placeholder
    (MISSING, "Fehler in %2$s: %1$s", "Error %s in %s", C_FORMAT, []),
    (EXTRA, "Fehler in %2$s: %1$s", "Error %s in %s", C_FORMAT, []),
    (EXTRA, "%'d Dateien, %Id Ordner", "%d files, %d folders", C_FORMAT, []),
    (MISSING, "100 %% fertig", "100%% done", C_FORMAT, []),
    (MISSING, "Fertig", "Done: %s", C_FORMAT, [(6, 8, S, "“%s” of the source is missing in the target")]),
    (
        EXTRA,
        "%s Dateien",
        "%d files",
        C_FORMAT,
        [(0, 2, T, "“%s” reads argument 1 as a string; the source's “%d” passes an integer")],
    ),
    (MISSING, "%s Dateien", "%d files", C_FORMAT, []),  # one error, reported once: on the target
    (
        ORDER,
        "%d Dateien in %s",
        "In %s: %d files",
        C_FORMAT,
        [
            (
                0,
                2,
                T,
                "The arguments are reordered without numbers: "
                "the program fills them in the source's order (%1$s, %2$d)",
            )
        ],
    ),
    (MISSING, "%d Dateien in %s", "In %s: %d files", C_FORMAT, []),
    (EXTRA, "%d Dateien in %s", "In %s: %d files", C_FORMAT, []),
    (ORDER, "%2$d Dateien in %1$s", "In %s: %d files", C_FORMAT, []),
    (
        ORDER,
        "%1$s und %d",
        "%s and %d",
        C_FORMAT,
        [(9, 11, T, "“%d” is unnumbered beside “%1$s”: number every argument or none")],
    ),
    # Python: names in any order; no numbered arguments in %-formatting
    (
        MISSING,
        "%(count)d Dateien in %(dir)s",
        "%(dir)s holds %(count)d files",
        Meta(flags=frozenset({"python-format"})),
        [],
    ),
    (
        MISSING,
        "%2$s von %1$s",
        "%s of %s",
        Meta(flags=frozenset({"python-format"})),
        [
            (0, 2, S, "“%s” of the source is missing in the target"),
            (6, 8, S, "“%s” of the source is missing in the target"),
        ],
    ),
    (
        MISSING,
        "{name} hat {count} Dateien",
        "{count} files of {name}",
        Meta(flags=frozenset({"python-brace-format"})),
        [],
    ),
    # Qt: a number may repeat
    (EXTRA, "%2 sur %1, %1", "%1 of %2", Meta(flags=frozenset({"qt-format"})), []),
    (
        MISSING,
        "sur %1",
        "%1 of %2",
        Meta(flags=frozenset({"qt-format"})),
        [(6, 8, S, "“%2” of the source is missing in the target")],
    ),
    # no flag: the default set reads what the text shows
    (MISSING, "{{limit}} Zeichen", "{{ limit }} characters", Meta(), []),
    (MISSING, "Trop de %count% fichiers", "Too many %count% files", Meta(), []),
    (EXTRA, "Maximal {{ max }}", "At least {{ min }}", Meta(), [(8, 17, T, "“{{ max }}” is not in the source")]),
    (MISSING, "git add <Datei>", "git add <file>", Meta(), []),  # a word in angle brackets, translated
    (MISSING, "<b>Speichern", "<b>Save</b>", Meta(), [(7, 11, S, "“</b>” of the source is missing in the target")]),
    # an element lost whole is one error: its opening tag flagged, both named
    (
        MISSING,
        "Klicken Sie auf Speichern",
        "Click <b>Save <i>now</i></b> or <i>later</i>",
        Meta(),
        [
            (6, 9, S, "“<b>…</b>” of the source is missing in the target"),
            (14, 17, S, "“<i>…</i>” of the source is missing in the target"),
            (32, 35, S, "“<i>…</i>” of the source is missing in the target"),
        ],
    ),
    (
        EXTRA,
        "Klicken Sie <s0>hier</s0> <br/>",
        "Click here",
        Meta(),
        [(12, 16, T, "“<s0>…</s0>” is not in the source"), (26, 31, T, "“<br/>” is not in the source")],
    ),
    (
        MISSING,
        "&lt;b&gt;Fett",
        "&lt;b&gt;Bold&lt;/b&gt;",
        Meta(),
        [(13, 23, S, "“&lt;/b&gt;” of the source is missing in the target")],
    ),
    (MISSING, "&lt;b&gt;Fett&lt;/b&gt; &amp; mehr", "&lt;b&gt;Bold&lt;/b&gt; &amp; more", Meta(), []),
    (MISSING, "Siehe https://example.com/de/", "See https://example.com/en/", Meta(), []),  # a localized link
    (
        MISSING,
        "Siehe die Webseite",
        "See https://example.com/en/",
        Meta(),
        [(4, 27, S, "“https://example.com/en/” of the source is missing in the target")],
    ),
    (MISSING, "%-m月%-d日", "%b %e", Meta(), []),  # a date format, localized
    (EXTRA, "{0} Dateien", "{0} files", Meta(), []),
    (EXTRA, "ramo di {inseguimento,allineamento}", "tracking branch", Meta(), []),  # a shell list, not a placeholder
    # gettext plurals: a rare form may drop the number, a frequent one may not; msgid's are never extra
    (MISSING, "%d файл", "One file", plural(0, "One file", "%d files"), []),
    (EXTRA, "%d файл", "One file", plural(0, "One file", "%d files"), []),
    (
        MISSING,
        "Один файл",
        "One file",
        plural(0, "One file", "%d files"),
        [(0, 9, T, "“%d” of msgid_plural is missing in this plural form")],
    ),
    (MISSING, "Eine Datei", "%d file", plural(0, "%d file", "%d files", (True, True), 2, "n != 1"), []),
    (MISSING, "Un fichier", "%d file", plural(0, "%d file", "%d files", (True, True), 2, "n > 1"), []),
    (
        MISSING,
        "файлов",
        "%d files",
        plural(2, "%d file", "%d files"),
        [(0, 2, S, "“%d” of the source is missing in the target")],
    ),
    # Java MessageFormat: an apostrophe quotes
    (
        MISSING,
        "Impossible de trouver l'{0}",
        "Cannot find {0}",
        Meta(flags=frozenset({"java-format"})),
        [(23, 27, T, "“{0}” is quoted by an apostrophe here, so it prints literally: write '' for an apostrophe")],
    ),
    (MISSING, "Impossible de trouver l''{0}", "Cannot find {0}", Meta(flags=frozenset({"java-format"})), []),
    # ICU: branches
    (
        BRANCHES,
        "{gender, select, männlich {Er} other {Sie}}",
        "{gender, select, male {He} other {They}}",
        Meta(),
        [(0, 43, T, "The select of “gender” lacks male and adds männlich: its keys are the program's")],
    ),
    (
        BRANCHES,
        "{n, plural, one {# Datei} few {# Dateien}}",
        "{n, plural, one {# file} other {# files}}",
        Meta(),
        [(0, 42, T, "The plural of “n” has no “other” branch, which ICU requires")],
    ),
    (
        BRANCHES,
        "{n, select, one {Eins} other {Viele}}",
        "{n, plural, one {# file} other {# files}}",
        Meta(),
        [(0, 37, T, "“n” is a select here, a plural in the source")],
    ),
    (
        BRANCHES,
        "{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}",
        "{n, plural, one {# file} other {# files}}",
        Meta(),
        [],
    ),
    (
        MISSING,
        "{n, plural, one {Eine Datei} other {# Dateien in {dir}}}",
        "{n, plural, one {# file} other {# files in {dir}}}",
        Meta(),
        [],
    ),
    (
        MISSING,
        "{n, plural, one {Eine Datei} other {# Dateien}}",
        "{n, plural, one {# file} other {# files in {dir}}}",
        Meta(),
        [(43, 48, S, "“{dir}” of the source is missing in the target")],
    ),
    (MISSING, "Hallo", None, Meta(), []),
    # without a flag, printf types are compared, not argument numbers: a list of alternatives repeats %@
    (MISSING, "Aktiviere %@\nSchalte %@ ein", "Activate %@\nTurn on %@\nSwitch on %@", Meta(), []),
    (MISSING, "Aktiviere es", "Activate %@", Meta(), [(9, 11, S, "“%@” of the source is missing in the target")]),
    # XLIFF segmentation and annotation marks come and go
    (EXTRA, '<mrk mtype="seg" mid="3">定义</mrk>', "Definition", Meta(), []),
    # a message key in place of the source: nothing to compare
    (EXTRA, "Hola %name%", "general.greeting", Meta(), []),
    (EXTRA, "Hauteur {{ height }} px", "8a4cd70", Meta(), []),
    (EXTRA, "Zeige %start% bis %end%", "pagination", Meta(), []),
    (EXTRA, "Die %({0})-Metadaten", "The %({0}) metadata", Meta(), []),  # MSBuild, not Python
    (MISSING, "svn co svn://svn.code.sf.net/p/x", "svn co https://x.svn.sourceforge.net/svnroot/x", Meta(), []),
    (EXTRA, "대신에 'file://x'을 사용하십시오.", "use 'file://x' instead.", Meta(), []),
]


@pytest.mark.parametrize(
    ("check", "target", "source", "meta", "expected"),
    PLACEHOLDER_CASES,
    ids=[f"{c[0].info.id}|{c[1][:30]}|{c[2]!r:.30}" for c in PLACEHOLDER_CASES],
)
def test_placeholders(check, target: str, source: str | None, meta: Meta, expected) -> None:
    assert hits(check, target, source, meta) == expected


# --- plural forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "forms", "empty"),
    [
        (plural(0, "%d file", "%d files"), [], []),
        (
            plural(0, "%d file", "%d files", (True, True)),
            [
                (
                    0,
                    7,
                    T,
                    "This entry has 2 plural forms; the Plural-Forms header asks for 3 (nplurals=3), "
                    "and msgfmt refuses the difference",
                )
            ],
            [],
        ),
        (
            plural(0, "%d file", "%d files", (True, False, True)),
            [],
            [
                (
                    0,
                    7,
                    T,
                    "msgstr[1] is empty while msgstr[0] is translated: "
                    "the counts that select it show the untranslated text",
                )
            ],
        ),
        (
            plural(1, "%d file", "%d files", (False, True, False)),
            [],
            [
                (
                    0,
                    7,
                    T,
                    "msgstr[0], msgstr[2] are empty while msgstr[1] is translated: "
                    "the counts that select it show the untranslated text",
                )
            ],
        ),
        (plural(2, "%d file", "%d files", (True, False, True)), [], []),  # judged once, on the first translated form
        (plural(0, "%d file", "%d files", (True, True), None, None), [], []),  # no header: nothing to count against
    ],
)
def test_plural_forms(meta: Meta, forms, empty) -> None:
    assert hits(plurals.FORMS.for_examples(), "%d файл", "%d file", meta) == forms
    assert hits(plurals.EMPTY_FORM, "%d файл", "%d file", meta) == empty


def test_entries_sharing_a_wrong_plural_count_are_one_finding_per_file() -> None:
    """A Hebrew catalogue whose every plural entry has 4 forms for nplurals=3: one fault, said once."""
    checker = Checker([plurals.FORMS.fresh()])
    four = plural(0, "%d file", "%d files", (True, True, True, True))
    two = plural(0, "%d day", "%d days", (True, True))
    entries = [("a", four), ("b", plural(0, "%d item", "%d items")), ("c", four), ("d", two), ("e", four)]
    for key, meta in entries:
        assert checker.check_segment(segment("%d x", "%d file", meta, key=key)) == []
    found = checker.finish_file()
    assert [(f.segment.key, f.start, f.end, f.message) for f in found] == [
        (
            "a",
            0,
            4,
            "This entry and 2 more have 4 plural forms; the Plural-Forms header asks for 3 (nplurals=3), "
            "and msgfmt refuses the difference",
        ),
        (
            "d",
            0,
            4,
            "This entry has 2 plural forms; the Plural-Forms header asks for 3 (nplurals=3), "
            "and msgfmt refuses the difference",
        ),
    ]
    assert checker.finish_file() == []  # the next file starts afresh


# --- accelerators ---------------------------------------------------------------------------

ACCELERATOR_MISSING = accelerators.MISSING.for_examples()  # one segment at a time
ACCELERATOR_CASES = [
    (
        ACCELERATOR_MISSING,
        "Datei",
        "_File",
        [(0, 2, S, "The source marks “F” as the keyboard accelerator (“_F”); the target has no “_”")],
    ),
    (
        ACCELERATOR_MISSING,
        "Speichern unter",
        "Save &As",
        [(5, 7, S, "The source marks “A” as the keyboard accelerator (“&A”); the target has no “&”")],
    ),
    (
        ACCELERATOR_MISSING,
        "Dateien",
        "~Files",
        [(0, 2, S, "The source marks “F” as the keyboard accelerator (“~F”); the target has no “~”")],
    ),
    (ACCELERATOR_MISSING, "Fi_chier", "Fi_le", []),
    (ACCELERATOR_MISSING, "_Datei", "_File", []),
    (ACCELERATOR_MISSING, "_\u200cزبانهٔ جدید", "New _Tab", []),  # past a zero-width non-joiner
    (ACCELERATOR_MISSING, "&Hecho; siguiente", "&Done and Next", []),  # an accelerator, not a reference
    (ACCELERATOR_MISSING, "ファイル(_F)", "_File", []),
    (
        ACCELERATOR_MISSING,
        "Datei _ öffnen",
        "_Open File",
        [(0, 2, S, "The source marks “O” as the keyboard accelerator (“_O”); the target has no “_”")],
    ),
    (ACCELERATOR_MISSING, "Trinidad-und-Tobago-Dollar", "T&T Dollar", []),
    (ACCELERATOR_MISSING, "MERGE_HEAD fehlt", "MERGE_HEAD missing", []),
    (ACCELERATOR_MISSING, "Le type de l'objet %r existe", "The %r object_type is already registered", []),
    (
        ACCELERATOR_MISSING,
        "Type d'objet",
        "Object _type",
        [(7, 9, S, "The source marks “t” as the keyboard accelerator (“_t”); the target has no “_”")],
    ),
    (ACCELERATOR_MISSING, "konnte accept-Thread nicht starten", "could not start accept_thread", []),
    (ACCELERATOR_MISSING, "$pretty_name ist aktuell", "Already up to date with $pretty_name", []),
    (ACCELERATOR_MISSING, "Tom und Jerry", "Tom &amp; Jerry", []),
    (ACCELERATOR_MISSING, "Tom und Jerry", "Tom && Jerry", []),
    (ACCELERATOR_MISSING, "Öffnen", "_Open or &Close", []),  # two markers: no convention to hold it to
    (
        accelerators.MULTIPLE,
        "_Datei _öffnen",
        "_Open File",
        [(7, 9, T, "A second accelerator marker “_ö”: the source marks one key (write “__” for a literal “_”)")],
    ),
    (accelerators.MULTIPLE, "_Datei && Ordner", "_File && Folder", []),
    (accelerators.MULTIPLE, "Nicht identisch mit {{ compared_value }}", "Not identical to {{ compared_value }}", []),
    (accelerators.MULTIPLE, "Mnemonik mit „&“: „F&oobar“", 'A mnemonic with "&": "F&oobar"', []),
    (ACCELERATOR_MISSING, "Variablen:\n  BASH_VERSION\n", "Variables:\n  BASH_VERSION\n  auto_resume", []),
    (
        accelerators.MULTIPLE,
        "_Datei_name",
        "Fi_le name",
        [(6, 8, T, "A second accelerator marker “_n”: the source marks one key (write “__” for a literal “_”)")],
    ),
]


@pytest.mark.parametrize(
    ("check", "target", "source", "expected"),
    ACCELERATOR_CASES,
    ids=[f"{c[0].info.id}|{c[2]}|{c[1]}" for c in ACCELERATOR_CASES],
)
def test_accelerators(check, target: str, source: str, expected) -> None:
    assert hits(check, target, source) == expected


# --- whitespace -----------------------------------------------------------------------------

WHITESPACE_CASES = [
    (whitespace.NEWLINE, "Verwendung: %s", "Usage: %s\n", [(13, 14, "Verwendung: %s\n", "safe")]),
    (whitespace.NEWLINE, "\nFertig.\n", "Done.\n", [(0, 1, "Fertig.\n", "safe")]),
    (whitespace.NEWLINE, "Fertig.\n\n", "Done.", [(7, 9, "Fertig.", "safe")]),
    (whitespace.NEWLINE, "Zeile 1\nZeile 2", "Line 1\nLine 2", []),
    (
        whitespace.LEADING,
        '(benutzen Sie "git add")',
        '  (use "git add")',
        [(0, 1, '  (benutzen Sie "git add")', "safe")],
    ),
    (whitespace.LEADING, "    (benutzen)", "  (use)", []),  # a column re-aligned
    (whitespace.LEADING, "      oder: %s", "   or: %s", []),
    (whitespace.LEADING, "（可选）", " (optional)", []),
    (whitespace.LEADING, "有%s子节点", " has %s children", []),
    (whitespace.LEADING, "ステップサイズ: %zu", "  step size: %zu", [(0, 1, "  ステップサイズ: %zu", "safe")]),
    (whitespace.LEADING, "\tWert", "Value", [(0, 1, "Wert", "safe")]),
    (whitespace.TRAILING, "Nom :", "Name: ", [(4, 5, "Nom : ", "safe")]),
    (whitespace.TRAILING, "Name:  ", "Name:", [(5, 7, "Name:", "safe")]),
    (whitespace.TRAILING, "Nom :\u00a0", "Name: ", []),  # a no-break space is a space
    (whitespace.TRAILING, "Nom : ", "Name:", []),  # one extra space glues nothing
    (whitespace.LEADING, " Diese Spalte", "This column", []),
    (whitespace.TRAILING, "名前：", "Name: ", []),
    (whitespace.TRAILING, "正在读取模板...", "reading templates... ", []),
    (whitespace.TRAILING, "템플릿 읽는 중...", "reading templates... ", [(10, 11, "템플릿 읽는 중... ", "safe")]),
    (whitespace.TRAILING, "Prix", "Price\u00a0", [(3, 4, "Prix\u00a0", "suggestion")]),  # not a plain space
]


@pytest.mark.parametrize(
    ("check", "target", "source", "expected"),
    WHITESPACE_CASES,
    ids=[f"{c[0].info.id}|{c[1]!r}" for c in WHITESPACE_CASES],
)
def test_whitespace(check, target: str, source: str, expected) -> None:
    assert fixed(check, target, source) == expected


def test_whitespace_messages() -> None:
    assert hits(whitespace.NEWLINE, "Verwendung: %s", "Usage: %s\n")[0][3] == (
        "The source ends with a line break (\\n), the target does not"
    )
    assert hits(whitespace.NEWLINE, "\nFertig.\n", "Done.\n")[0][3] == (
        "The target starts with a line break (\\n), the source does not"
    )
    assert (
        hits(whitespace.LEADING, "(benutzen)", "  (use)")[0][3]
        == "The source starts with 2 spaces, the target does not"
    )
    assert hits(whitespace.TRAILING, "Name:  ", "Name:")[0][3] == "The target ends with 2 spaces, the source does not"
    assert hits(whitespace.LEADING, "\tWert", "Value")[0][3] == "The target starts with a tab, the source does not"


# --- length limits --------------------------------------------------------------------------


def limited(*found: SizeLimit) -> Meta:
    return Meta(limits=found)


LIMIT_CASES = [
    (
        "Einstellungen speichern",
        limited(SizeLimit(15, "char", 'maxwidth="15" size-unit="char"')),
        [(0, 23, T, 'The target is 23 characters long; the limit is 15 (maxwidth="15" size-unit="char")')],
    ),
    ("Speichern", limited(SizeLimit(15, "char", "x")), []),
    ('<g id="1">Speichern</g> <x id="2"/>jetzt', limited(SizeLimit(15, "char", "x")), []),  # codes take no room
    ('<ph id="1">&lt;br/&gt;</ph>Größe', limited(SizeLimit(5, "char", "x")), []),  # nor native code
    (
        "Größe",
        limited(SizeLimit(5, "byte", 'maxbytes="5"')),
        [(0, 5, T, 'The target is 7 bytes in UTF-8 long; the limit is 5 (maxbytes="5")')],
    ),
    (
        "Größe",
        limited(SizeLimit(8, "byte", 'slr:storageRestriction="8"', "utf-16-le")),
        [(0, 5, T, 'The target is 10 bytes in UTF-16-LE long; the limit is 8 (slr:storageRestriction="8")')],
    ),
    (
        "Größe",
        Meta(flags=frozenset({"max-length:4"})),
        [(0, 5, T, "The target is 5 characters long; the limit is 4 (#, max-length:4)")],
    ),
    ("Größe", Meta(), []),
]


@pytest.mark.parametrize(("target", "meta", "expected"), LIMIT_CASES, ids=[c[0] for c in LIMIT_CASES])
def test_length_limit(target: str, meta: Meta, expected) -> None:
    assert hits(limits.LIMIT, target, "Size", meta) == expected


def test_length_limit_from_the_setting() -> None:
    check = limits.LIMIT.configured({"max-length": 6})
    assert [(h.start, h.end, h.message) for h in check.hits(segment("Speichern", "Save"))] == [
        (0, 9, "The target is 9 characters long; the limit is 6 (max-length = 6)")
    ]
    assert limits.LIMIT.configured({}) is limits.LIMIT


# --- special entries ------------------------------------------------------------------------

DESKTOP = Meta(references=("data/org.gnome.Maps.desktop.in.in:14",))


@pytest.mark.parametrize(
    ("target", "source", "meta", "kind"),
    [
        ("Jan <jan@x.de>, 2007", "translator-credits", Meta(), special.CREDITS),
        ("Jan", "Your names", Meta(context="NAME OF TRANSLATORS"), special.CREDITS),
        ("jan@x.de", "Your emails", Meta(), special.CREDITS),
        ("Jan", "_: NAME OF TRANSLATORS\nYour names", Meta(), special.CREDITS),
        ("Karten;Maps;", "Maps;", DESKTOP, special.KEYWORDS),
        ("Rechner;Arithmetik;", "calculation;arithmetic;", Meta(), special.KEYWORDS),
        ("Karten;", "Maps;", Meta(), None),  # one item and nothing saying it is a list
        ("Fertig;", "Done;", Meta(comments=("Translators: Search terms, end with a semicolon",)), special.KEYWORDS),
        ("Project-Id-Version: x\nLanguage-Team: German\n", "", Meta(), special.HEADER),
        ("Übersetzer", "Translators:", Meta(), None),
    ],
)
def test_special_kind(target: str, source: str, meta: Meta, kind: str | None) -> None:
    assert special.kind(segment(target, source, meta)) == kind


def test_keyword_lists() -> None:
    check = special.KEYWORDS_SEMICOLON
    assert fixed(check, "Karten;Maps", "Maps;", DESKTOP) == [(10, 11, "Karten;Maps;", "safe")]
    assert fixed(check, "地图；Maps;", "Maps;", DESKTOP) == [(2, 3, "地图;Maps;", "safe")]
    assert hits(check, "Karten;Maps;", "Maps;", DESKTOP) == []
    assert hits(check, "Karten", "Maps", DESKTOP) == []  # not a list
    assert hits(check, "Karten", "Maps;", DESKTOP)[0][3] == "A keyword list must end with “;”, as its source does"


def test_special_entries_get_no_other_finding() -> None:
    checker = Checker(RuleSet.load(shipped=False).rules)
    credits = segment("Jan <jan@x.de>\nEva <eva@x.de> ,,", "translator-credits")
    keywords = segment("Karten ;Maps", "Maps;", DESKTOP)
    assert checker.check_segment(credits) == []
    assert [f.rule for f in checker.check_segment(keywords)] == ["keywords.semicolon"]


# --- what the readers give the checks -------------------------------------------------------

PO = r"""msgid ""
msgstr ""
"Language: ru\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

#. Translators: search terms, end with a semicolon
#: data/app.desktop.in:5 src/x.c:10
msgctxt "Keywords"
msgid "calc;"
msgstr "калькулятор;"

#, c-format, fuzzy
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] ""
msgstr[2] "%d файлов"

#, c-format
msgid "%d dir"
msgid_plural "%d dirs"
msgstr[0] "%d папка"
msgstr[1] "%d папки"
"""


def test_po_meta(tmp_path: Path) -> None:
    path = tmp_path / "ru.po"
    path.write_text(PO, encoding="utf-8")
    segments = load(str(path), include_fuzzy=True).segments
    keywords, file0, file2, _, dir1 = segments
    assert keywords.meta == Meta(
        frozenset(),
        "Keywords",
        ("Translators: search terms, end with a semicolon",),
        ("data/app.desktop.in:5", "src/x.c:10"),
    )
    assert file0.meta.flags == {"c-format", "fuzzy"}
    assert file0.meta.plural == PluralForm(0, "%d file", "%d files", (True, False, True), 3, RU)
    assert file2.meta.plural.form == 2
    assert dir1.meta.plural == PluralForm(1, "%d dir", "%d dirs", (True, True), 3, RU)
    checker = Checker(RuleSet.load(shipped=False).selected(select=["plural"]))
    found = [*checker.check(segments), *checker.finish_file()]  # plural.forms is judged per file
    assert [(f.segment.key.split("#")[1], f.rule) for f in found] == [
        ("%d file[0]", "plural.empty-form"),
        ("%d dir[0]", "plural.forms"),
    ]


XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:its="http://www.w3.org/2005/11/its">
<file source-language="en" target-language="de" datatype="plaintext" original="x"><body>
<trans-unit id="a" maxwidth="10" size-unit="char"><source>Save settings</source>
  <target>Einstellungen speichern</target></trans-unit>
<trans-unit id="b" maxwidth="10"><source>Save settings</source><target>Einstellungen speichern</target></trans-unit>
<trans-unit id="c" maxbytes="5"><source>Size</source><target>Größe</target></trans-unit>
<trans-unit id="d" its:storageSize="4" its:storageEncoding="ISO-8859-1"><source>Size</source>
  <target>Größe</target></trans-unit>
</body></file></xliff>
"""

XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"
  xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0" srcLang="en" trgLang="de">
<file id="f"><slr:profiles generalProfile="xliff:codepoints" storageProfile="xliff:utf16"/>
<unit id="u1" slr:sizeRestriction="4"><segment><source>Size</source><target>Größe</target></segment></unit>
<unit id="u2" slr:storageRestriction="8"><segment><source>Size</source><target>Größe</target></segment></unit>
</file></xliff>
"""


def test_xliff_limits(tmp_path: Path) -> None:
    (tmp_path / "a.xlf").write_text(XLIFF_12, encoding="utf-8")
    (tmp_path / "b.xlf").write_text(XLIFF_20, encoding="utf-8")
    found = {s.key.split("#")[1]: s.meta.limits for s in load(str(tmp_path / "a.xlf")).segments}
    found |= {s.key.split("#")[1]: s.meta.limits for s in load(str(tmp_path / "b.xlf")).segments}
    assert found == {
        "a": (SizeLimit(10, "char", 'maxwidth="10" size-unit="char"'),),
        "b": (),  # pixels: the font decides
        "c": (SizeLimit(5, "byte", 'maxbytes="5"'),),
        "d": (SizeLimit(4, "byte", 'its:storageSize="4"', "iso-8859-1"),),
        "u1/1": (SizeLimit(4, "char", 'slr:sizeRestriction="4"'),),
        "u2/1": (SizeLimit(8, "byte", 'slr:storageRestriction="8"', "utf-16-le"),),
    }
    result = run_cli("check", str(tmp_path), "--select", "length.limit", "--format", "jsonl", "--no-shipped-rules")
    messages = [line.split('"message": ')[1].split('", ')[0] for line in result.stdout.decode().splitlines()]
    assert messages == [
        '"The target is 23 characters long; the limit is 10 (maxwidth=\\"10\\" size-unit=\\"char\\")',
        '"The target is 7 bytes in UTF-8 long; the limit is 5 (maxbytes=\\"5\\")',
        '"The target is 5 bytes in ISO-8859-1 long; the limit is 4 (its:storageSize=\\"4\\")',
        '"The target is 5 characters long; the limit is 4 (slr:sizeRestriction=\\"4\\")',
        '"The target is 10 bytes in UTF-16-LE long; the limit is 8 (slr:storageRestriction=\\"8\\")',
    ]
    assert result.returncode == 1


def test_max_length_setting_for_ui_strings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mtcheck]\n[[tool.mtcheck.overrides]]\npaths = ["ui/*.po"]\nmax-length = 10\n', encoding="utf-8"
    )
    entry = 'msgid "Save settings"\nmsgstr "Einstellungen speichern"\n'
    for folder in ("ui", "help"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "de.po").write_text(entry, encoding="utf-8")
    result = run_cli("check", ".", "--select", "length.limit", "--format", "jsonl", cwd=tmp_path)
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1 and '"path": "ui/de.po"' in lines[0], lines
    assert '"message": "The target is 23 characters long; the limit is 10 (max-length = 10)"' in lines[0]
    bad = (tmp_path / "pyproject.toml").read_text().replace("max-length = 10", "max-length = 0")
    (tmp_path / "pyproject.toml").write_text(bad, encoding="utf-8")
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "max-length: expected a whole number of characters (1 or more), got 0" in result.stderr.decode()


def test_po_catalog_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "de.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, c-format\nmsgid "In %s: %d files"\nmsgstr "%d Dateien in %s"\n\n'
        '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "Eine Datei"\nmsgstr[1] "%d Dateien"\n\n'
        'msgid "_Open"\nmsgstr "Öffnen"\n\n'
        'msgid "translator-credits"\nmsgstr "Jan <jan@example.org>"\n',
        encoding="utf-8",
    )
    result = run_cli("check", "de.po", "--no-shipped-rules", "--format", "jsonl", cwd=tmp_path)
    found = [
        (f["line"], f["column"], f["rule"], f["text"])
        for f in (json.loads(line) for line in result.stdout.decode().splitlines())
    ]
    # the order on msgstr's line; the accelerator on msgid's (a source-side finding); the German
    # singular may drop its number; the credits are not checked
    assert found == [(8, 9, "placeholder.order", "%d"), (16, 8, "accelerator.missing", "_O")]


def test_rules_explain_shows_what_the_file_says() -> None:
    result = run_cli("rules", "explain", "plural.empty-form")
    assert result.returncode == 0
    assert result.stdout.decode().splitlines()[-8:] == [
        "  ✗ %d файл",
        "      source: %d file",
        "      file: msgstr[0] of 3 forms (msgstr[1] empty), nplurals=3",
        "",
        "Not flagged:",
        "  ✓ %d файл",
        "      source: %d file",
        "      file: msgstr[0] of 3 forms, nplurals=3",
    ]


def test_fix_gate_reads_the_units_dialects() -> None:
    """protected.py takes its placeholders from mtcheck.placeholders, with the unit's flags."""
    from test_fixgate import Proposer

    from mtcheck.protected import protected

    assert [("Hallo ~a~%"[s:e], k) for s, e, k in protected("Hallo ~a~%", ("tilde",))] == [
        ("~a", "printf"),
        ("~%", "printf"),
    ]
    # Without the flag a directive standing alone is still protected, one inside a word is text.
    assert [("Hallo ~a a"[s:e], k) for s, e, k in protected("Hallo ~a a")] == [("~a", "printf")]
    assert protected("Hallo ~abc") == []
    assert [("~abc"[s:e], k) for s, e, k in protected("~abc", ("tilde",))] == [("~a", "printf")]
    assert [(s, e, k) for s, e, k in protected("git add <file> {heads,tags} &foo; $HOME")] == [
        (8, 14, "tag"),
        (15, 27, "braces"),
        (28, 33, "xml"),
        (34, 39, "variable"),
    ]
    rule = Proposer((6, 8), Edit(7, 8, "s"))  # ~a → ~s
    checker = Checker([rule])
    scheme = Meta(flags=frozenset({"scheme-format"}))
    [withheld] = checker.check_segment(segment("Hallo ~abc", "Hello ~abc", scheme))
    assert withheld.message == "flagged (no automatic fix: it would edit a placeholder (“~a”))"
    [kept] = checker.check_segment(segment("Hallo ~abc", "Hello ~abc"))
    assert kept.fix is not None


def test_a_file_that_drops_accelerators_is_its_teams_convention() -> None:
    checker = Checker([accelerators.MISSING.fresh()])
    labels = [("_Datei", "_File"), ("Bearbeiten", "_Edit"), ("Ansicht", "_View"), ("Hilfe", "_Help")]
    for number, (target, source) in enumerate(labels):
        assert checker.check_segment(segment(target, source, key=f"k{number}")) == []  # judged per file
    assert [f.segment.source for f in checker.finish_file()] == ["_Edit", "_View", "_Help"]  # 4 labels: too few
    labels.append(("Extras", "_Tools"))  # five labels, four unmarked: the team drops them
    for number, (target, source) in enumerate(labels):
        checker.check_segment(segment(target, source, key=f"k{number}"))
    assert checker.finish_file() == []
    labels = [("_Datei", "_File"), ("_Bearbeiten", "_Edit"), ("_Ansicht", "_View"), ("Hilfe", "_Help")]
    for number, (target, source) in enumerate([*labels, ("E_xtras", "_Tools")]):
        checker.check_segment(segment(target, source, key=f"k{number}"))
    [finding] = checker.finish_file()
    assert (finding.segment.source, finding.start, finding.end, finding.side) == ("_Help", 0, 2, Side.SOURCE)


def test_a_file_that_lost_a_quarter_of_its_accelerators_gets_one_finding() -> None:
    checker = Checker([accelerators.MISSING.fresh()])
    words = ["File", "Edit", "View", "Help", "Tools", "Go", "Tabs", "Window", "Find", "Print"]
    labels = [(word, f"_{word}") for word in words[:5]] + [(f"_{word}", f"_{word}") for word in words[5:]]
    labels += [(f"_{word}2", f"_{word}2") for word in words[5:]]  # 15 labels, 5 unmarked: a third
    for number, (target, source) in enumerate(labels):
        checker.check_segment(segment(target, source, key=f"k{number}"))
    [finding] = checker.finish_file()
    assert (finding.segment.source, finding.start, finding.end) == ("_File", 0, 2)
    assert finding.message == (
        "The source marks “F” as the keyboard accelerator (“_F”); the target has no “_”"
        "; nor do 4 more of the file's 15 labels with one (reported once)"
    )
    for number, (target, source) in enumerate(labels[1:]):  # 4 of 14 unmarked: each a slip of its own
        checker.check_segment(segment(target, source, key=f"k{number}"))
    assert [f.segment.source for f in checker.finish_file()] == ["_Edit", "_View", "_Help", "_Tools"]


DUPLICATE_XLIFF = """<xliff version="1.2"><file original="m" source-language="en" target-language="de"><body>
<trans-unit id="workspace"><source>Workspace</source><target>Arbeitsbereich</target></trans-unit>
<trans-unit id="close"><source>Close the file</source><target>Datei schließen</target></trans-unit>
<trans-unit id="workspace"><source>Close the workspace</source><target>Arbeitsbereich  schließen</target></trans-unit>
</body></file></xliff>
"""


def test_a_repeated_unit_id_is_reported_and_the_repeat_still_checked_and_fixed(tmp_path: Path) -> None:
    path = tmp_path / "m.xlf"
    path.write_text(DUPLICATE_XLIFF, encoding="utf-8")
    result = run_cli("check", str(path), "--format", "jsonl", "--select", "unit,punct.double-space")
    assert result.returncode == 1, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["rule"], f["line"], f["column"], f["segment"].rpartition("#")[2], f["text"]) for f in found] == [
        ("unit.duplicate-id", 4, 72, "workspace@4", "Arbeitsbereich  schließen"),
        ("punct.double-space", 4, 86, "workspace@4", "  "),
    ]
    message = next(f["message"] for f in found if f["rule"] == "unit.duplicate-id")
    assert message == (
        "This unit repeats the id of the unit at line 2: "
        "a tool that looks units up by id shows only one of the two translations"
    )
    fixed = run_cli("fix", str(path), "--no-mark-review")
    assert fixed.returncode in (0, 1), fixed.stderr
    assert path.read_text(encoding="utf-8") == DUPLICATE_XLIFF.replace(
        "Arbeitsbereich  schließen", "Arbeitsbereich schließen"
    )
